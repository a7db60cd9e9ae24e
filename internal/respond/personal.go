package respond

import (
	"net/http"
	"net/url"
	"time"

	"github.com/tajrobe/tajrobe/internal/survey"
)

// openPersonal checks the token and builds the visit it opens.
func (h *Handler) openPersonal(w http.ResponseWriter, r *http.Request) (*visit, bool) {
	o, err := survey.Open(r.Context(), h.DB, r.PathValue("token"))
	if err != nil {
		h.failPage(w, r, err, pickLang(r, ""), "")
		return nil, false
	}
	inv := o.Invitation
	v := &visit{s: o.Survey, brand: h.brandOf(r.Context(), inv.WorkspaceID), lang: pickLang(r, inv.Language),
		key: inv.SourceKey(), customerID: inv.CustomerID, invitation: inv.ID, touchpoint: inv.Touchpoint,
		channel: channelOf(inv.Channel), editFor: time.Duration(o.Settings.EditMinutes) * time.Minute,
		profile: survey.ProfileOf(r.Context(), h.DB, inv.WorkspaceID, inv.CustomerID), action: r.URL.Path}
	if r.URL.Query().Get("lang") != "" {
		v.action = withQuery(v.action, "lang", v.lang)
	}
	v.other = otherOf(r.URL.Path, v.lang, nil)
	return v, true
}

// channelOf names the channel a response came through: a link shared by
// the caller is answered on the web.
func channelOf(invChannel string) string {
	if invChannel == "link" {
		return "web"
	}
	return invChannel
}

func (h *Handler) showPersonal(w http.ResponseWriter, r *http.Request) {
	v, ok := h.openPersonal(w, r)
	if !ok {
		return
	}
	if q := r.URL.Query().Get("q"); q != "" {
		h.clickedAnswer(w, r, v, q, r.URL.Query().Get("v"))
		return
	}
	h.show(w, r, v)
}

func (h *Handler) postPersonal(w http.ResponseWriter, r *http.Request) {
	if v, ok := h.openPersonal(w, r); ok {
		h.post(w, r, v)
	}
}

// clickedAnswer shows the page of the question a person clicked a score
// of in an e-mail, with that score selected; one tap on Send stores it.
// The click alone stores nothing: mail security scanners fetch every link
// of a message before its reader sees it, and a score stored on their
// fetch would be an answer nobody gave, a detractor's case nobody needs.
func (h *Handler) clickedAnswer(w http.ResponseWriter, r *http.Request, v *visit, qid, val string) {
	q, ok := v.s.Question(qid)
	if !ok || v.s.Status != survey.Published {
		h.show(w, r, v)
		return
	}
	resp, answers, err := h.stored(r, v)
	if err != nil {
		h.failPage(w, r, err, v.lang, v.brand)
		return
	}
	a, err := q.Parse([]string{val})
	qs := v.s.Next(answers, v.profile)
	if err != nil || a == nil || (resp != nil && resp.Status == "complete") || !onPage(qs, q.ID) {
		http.Redirect(w, r, v.action, http.StatusSeeOther)
		return
	}
	answers[a.Question] = a
	p := h.formPage(v, qs, answers, nil, false)
	p.Notice = words(v.lang)["clicked"]
	render(w, r, http.StatusOK, p)
}

// onPage reports whether the question id is among qs.
func onPage(qs []*survey.Question, id string) bool {
	for _, q := range qs {
		if q.ID == id {
			return true
		}
	}
	return false
}

// withQuery adds one parameter to a path.
func withQuery(path, k, v string) string {
	u, _ := url.Parse(path)
	q := u.Query()
	q.Set(k, v)
	u.RawQuery = q.Encode()
	return u.String()
}

// otherOf links to the same page in the other language.
func otherOf(path, lang string, keep map[string]string) *otherLang {
	other := map[string]string{"fa": "en", "en": "fa"}[lang]
	u := withQuery(path, "lang", other)
	for k, val := range keep {
		u = withQuery(u, k, val)
	}
	return &otherLang{URL: u, Lang: other, Label: words(lang)["other"]}
}
