package respond

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/tajrobe/tajrobe/internal/survey"
)

// Preview renders survey s exactly as a respondent sees it, with the same
// template, words and logic, and stores nothing: the page of questions
// that follows the answers in form (as the preview's own form posts them,
// earlier pages' answers carried in hidden fields), or the thanks once
// none are left. action is where the preview's form posts. The console's
// survey builder frames it, so its own origin may.
func Preview(w http.ResponseWriter, r *http.Request, s *survey.Survey, lang, brand, action string, form url.Values) {
	answers := map[string]*survey.Answer{}
	for _, q := range s.Questions {
		if a, err := q.Parse(form[q.ID]); err == nil && a != nil {
			answers[q.ID] = a
		}
	}
	s.Prune(answers)
	p := &page{Lang: lang, Title: brand, Brand: brand, State: "message", Message: words(lang)["thanks"]}
	if qs := s.Next(answers, nil); len(qs) > 0 {
		p.State, p.Action, p.Hidden = "form", action, map[string]string{}
		for id := range answers {
			p.Hidden[id] = strings.Join(form[id], ";")
		}
		p.Questions = buildQuestions(qs, lang, nil, nil)
	}
	render(framable{w}, r, http.StatusOK, p)
}

// framable lets the page's own origin frame it, where public pages
// forbid all framing.
type framable struct{ http.ResponseWriter }

func (f framable) WriteHeader(status int) {
	h := f.Header()
	h.Set("Content-Security-Policy", strings.Replace(h.Get("Content-Security-Policy"), "frame-ancestors 'none'", "frame-ancestors 'self'", 1))
	h.Set("X-Frame-Options", "SAMEORIGIN")
	f.ResponseWriter.WriteHeader(status)
}
