package respond

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/survey"
)

// A public link has no token, so each form carries a nonce: when it was
// handed out, a random id that names the response, and a signature. A
// form posted too soon after it was handed out, or with the hidden field
// bots fill in, is not stored; a nonce whose response is complete cannot
// be replayed into a second response.

// nonceTTL is how long a public form may be left open.
const nonceTTL = 24 * time.Hour

func newNonce(set *survey.Settings, slug string, now time.Time) string {
	body := strconv.FormatInt(now.UnixMilli(), 36) + "." + survey.RandomToken(9)
	return body + "." + set.Sign(slug+"|"+body)
}

// checkNonce returns the response id a nonce names and when it was issued.
func checkNonce(set *survey.Settings, slug, n string, now time.Time) (string, time.Time, bool) {
	i := strings.LastIndexByte(n, '.')
	if i < 0 || !set.Verify(slug+"|"+n[:i], n[i+1:]) {
		return "", time.Time{}, false
	}
	ts, id, _ := strings.Cut(n[:i], ".")
	ms, err := strconv.ParseInt(ts, 36, 64)
	issued := time.UnixMilli(ms)
	if err != nil || now.Sub(issued) > nonceTTL || issued.After(now.Add(time.Minute)) {
		return "", time.Time{}, false
	}
	return id, issued, true
}

// openPublic builds the visit of a public link, with a fresh nonce on
// first sight or the one the respondent carries.
func (h *Handler) openPublic(w http.ResponseWriter, r *http.Request, nonce string) (*visit, time.Time, bool) {
	slug := r.PathValue("slug")
	s, err := survey.GetPublic(r.Context(), h.DB, slug)
	if err != nil {
		h.failPage(w, r, err, pickLang(r, ""), "")
		return nil, time.Time{}, false
	}
	set, err := survey.LoadSettings(r.Context(), h.DB, s.WorkspaceID)
	if err != nil {
		h.failPage(w, r, err, pickLang(r, ""), "")
		return nil, time.Time{}, false
	}
	now := h.DB.Now()
	id, issued, ok := checkNonce(set, slug, nonce, now)
	if !ok {
		nonce = newNonce(set, slug, now)
		id, issued, _ = checkNonce(set, slug, nonce, now)
	}
	v := &visit{s: s, brand: h.brandOf(r.Context(), s.WorkspaceID), lang: pickLang(r, r.URL.Query().Get("lang")),
		key: "anon:" + id, touchpoint: firstNonEmpty(r.URL.Query().Get("tp"), s.Touchpoint), channel: "web",
		profile: survey.Profile{}, hidden: map[string]string{"n": nonce}}
	v.action = withQuery(withQuery(r.URL.Path, "n", nonce), "lang", v.lang)
	v.other = otherOf(r.URL.Path, v.lang, map[string]string{"n": nonce})
	return v, issued, true
}

func (h *Handler) showPublic(w http.ResponseWriter, r *http.Request) {
	if v, _, ok := h.openPublic(w, r, r.URL.Query().Get("n")); ok {
		h.show(w, r, v)
	}
}

func (h *Handler) postPublic(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		message(w, r, http.StatusRequestEntityTooLarge, pickLang(r, ""), "", "fix")
		return
	}
	v, issued, ok := h.openPublic(w, r, r.PostForm.Get("n"))
	if !ok {
		return
	}
	if r.PostForm.Get("website") != "" { // the field only bots see
		h.thanks(w, r, v, nil)
		return
	}
	if !h.limit.allow(r.Context(), h.Clients.Of(r)) || h.DB.Now().Sub(issued) < h.MinFill {
		w.Header().Set("Retry-After", "5")
		h.form(w, r, http.StatusTooManyRequests, v, v.s.Next(map[string]*survey.Answer{}, nil), nil,
			map[string]string{"_": words(v.lang)["slow"]}, false)
		return
	}
	h.post(w, r, v)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
