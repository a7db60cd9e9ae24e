package respond

import (
	"fmt"
	"net/http"
	"strings"

	"rsc.io/qr"

	"github.com/tajrobe/tajrobe/internal/survey"
)

// QR codes of a public link, for shop counters and receipts. The code
// holds the link with the touchpoint (?tp=) when one is given, so each
// counter's answers land on its own touchpoint.

func (h *Handler) qrCode(w http.ResponseWriter, r *http.Request) (*qr.Code, bool) {
	s, err := survey.GetPublic(r.Context(), h.DB, r.PathValue("slug"))
	if err != nil {
		http.Error(w, "no such survey", http.StatusNotFound)
		return nil, false
	}
	link := strings.TrimSuffix(h.BaseURL, "/") + "/s/p/" + s.PublicSlug
	if tp := r.URL.Query().Get("tp"); tp != "" {
		link = withQuery(link, "tp", tp)
	}
	code, err := qr.Encode(link, qr.M)
	if err != nil {
		http.Error(w, "the link does not fit a QR code", http.StatusInternalServerError)
		return nil, false
	}
	w.Header().Set("Cache-Control", "public, max-age=86400")
	return code, true
}

func (h *Handler) qrPNG(w http.ResponseWriter, r *http.Request) {
	code, ok := h.qrCode(w, r)
	if !ok {
		return
	}
	code.Scale = 8
	w.Header().Set("Content-Type", "image/png")
	w.Write(code.PNG())
}

func (h *Handler) qrSVG(w http.ResponseWriter, r *http.Request) {
	code, ok := h.qrCode(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Write([]byte(SVG(code)))
}

// SVG draws a QR code as one path of unit squares with a four-module
// quiet zone, crisp at any print size.
func SVG(c *qr.Code) string {
	n := c.Size + 8
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; x++ {
			if c.Black(x, y) {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x+4, y+4)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}
