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

// clickedAnswer stores the score a person clicked in an e-mail, then
// shows the rest of the survey on a clean URL, so a reload stores nothing.
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
	if err != nil || a == nil || (resp != nil && resp.Status == "complete") {
		http.Redirect(w, r, v.action, http.StatusSeeOther)
		return
	}
	answers[a.Question] = a
	v.s.Prune(answers)
	if _, err := h.submit(r.Context(), v, []*survey.Answer{a}, len(v.s.Next(answers, v.profile)) == 0); err != nil {
		h.failPage(w, r, err, v.lang, v.brand)
		return
	}
	http.Redirect(w, r, v.action, http.StatusSeeOther)
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
