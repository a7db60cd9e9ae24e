package respond

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"
	"strings"
	"sync"

	"github.com/tajrobe/tajrobe/internal/locale"
)

//go:embed templates
var files embed.FS

var (
	tmpl = template.Must(template.ParseFS(files, "templates/page.html"))
	css  = mustRead("templates/style.css")
	// cspStyle allows exactly our inline style and nothing else.
	cspStyle = func() string {
		sum := sha256.Sum256([]byte(css))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}()
	gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}
	bufPool  = sync.Pool{New: func() any { return new(bytes.Buffer) }}
)

func mustRead(name string) string {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return strings.TrimSpace(string(b))
}

// render writes the page with status, compressed when the browser takes
// gzip: the whole first load is this one response.
func render(w http.ResponseWriter, r *http.Request, status int, p *page) {
	p.Dir, p.CSS, p.MaxText = locale.Dir(p.Lang), template.CSS(css), 4000
	if p.T == nil {
		p.T = words(p.Lang)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := tmpl.ExecuteTemplate(buf, "page", p); err != nil {
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src "+cspStyle+"; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Vary", "Accept-Encoding")
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.WriteHeader(status)
		w.Write(buf.Bytes())
		return
	}
	h.Set("Content-Encoding", "gzip")
	w.WriteHeader(status)
	gz := gzipPool.Get().(*gzip.Writer)
	gz.Reset(w)
	gz.Write(buf.Bytes())
	gz.Close()
	gzipPool.Put(gz)
}

// message renders a page that only says something: thanks, expired…
func message(w http.ResponseWriter, r *http.Request, status int, lang, brand, key string) {
	t := words(lang)
	render(w, r, status, &page{Lang: lang, Title: brand, Brand: brand, State: "message", Message: t[key], T: t})
}
