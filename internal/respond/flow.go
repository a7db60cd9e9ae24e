package respond

import (
	"context"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// maxForm bounds a posted survey form: a few long comments at most.
const maxForm = 64 << 10

// stored returns the answers given so far and whether they are complete.
func (h *Handler) stored(r *http.Request, v *visit) (*survey.Response, map[string]*survey.Answer, error) {
	resp, err := survey.ResponseByKey(r.Context(), h.DB, v.s.WorkspaceID, v.key)
	if errs.Is(err, errs.NotExist) {
		return nil, map[string]*survey.Answer{}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	return resp, resp.AnswerMap(), nil
}

// editable reports whether a complete response may still change.
func (h *Handler) editable(v *visit, resp *survey.Response) bool {
	return resp != nil && resp.CompletedAt != nil && v.editFor > 0 && h.DB.Now().Before(resp.CompletedAt.Add(v.editFor))
}

// show renders the questions to answer now, or thanks when none are left.
func (h *Handler) show(w http.ResponseWriter, r *http.Request, v *visit) {
	if v.s.Status != survey.Published {
		message(w, r, http.StatusGone, v.lang, v.brand, "closed")
		return
	}
	resp, answers, err := h.stored(r, v)
	if err != nil {
		h.failPage(w, r, err, v.lang, v.brand)
		return
	}
	edit := r.URL.Query().Get("edit") == "1" && h.editable(v, resp)
	if resp != nil && resp.Status == "complete" && !edit {
		h.thanks(w, r, v, resp)
		return
	}
	qs := v.s.Next(answers, v.profile)
	if edit {
		qs = v.s.Shown(answers, v.profile)
	}
	if len(qs) == 0 {
		if _, err := h.submit(r.Context(), v, nil, true); err != nil && !errs.Is(err, errs.Conflict) {
			h.failPage(w, r, err, v.lang, v.brand)
			return
		}
		h.thanks(w, r, v, resp)
		return
	}
	h.form(w, r, http.StatusOK, v, qs, answers, nil, edit)
}

func (h *Handler) thanks(w http.ResponseWriter, r *http.Request, v *visit, resp *survey.Response) {
	p := &page{Lang: v.lang, Title: v.brand, Brand: v.brand, State: "message", Message: words(v.lang)["thanks"], Other: v.other}
	if h.editable(v, resp) {
		p.EditURL = withQuery(v.action, "edit", "1")
	}
	render(w, r, http.StatusOK, p)
}

func (h *Handler) form(w http.ResponseWriter, r *http.Request, status int, v *visit, qs []*survey.Question,
	answers map[string]*survey.Answer, bad map[string]string, edit bool) {
	render(w, r, status, h.formPage(v, qs, answers, bad, edit))
}

// formPage is a page of questions with the answers given so far.
func (h *Handler) formPage(v *visit, qs []*survey.Question, answers map[string]*survey.Answer, bad map[string]string, edit bool) *page {
	hidden := map[string]string{}
	for k, val := range v.hidden {
		hidden[k] = val
	}
	if edit {
		hidden["edit"] = "1"
	}
	p := &page{Lang: v.lang, Title: v.brand, Brand: v.brand, State: "form", Action: v.action, Hidden: hidden,
		Questions: buildQuestions(qs, v.lang, answers, bad), Other: v.other}
	if len(bad) > 0 {
		p.Error = firstNonEmpty(bad["_"], words(v.lang)["fix"]) // "_" carries a message about the whole form
	}
	return p
}

// post stores a posted page of answers, then redirects to the next page.
func (h *Handler) post(w http.ResponseWriter, r *http.Request, v *visit) {
	if v.s.Status != survey.Published {
		message(w, r, http.StatusGone, v.lang, v.brand, "closed")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		message(w, r, http.StatusRequestEntityTooLarge, v.lang, v.brand, "fix")
		return
	}
	resp, answers, err := h.stored(r, v)
	if err != nil {
		h.failPage(w, r, err, v.lang, v.brand)
		return
	}
	edit := r.PostForm.Get("edit") == "1" && h.editable(v, resp)
	if resp != nil && resp.Status == "complete" && !edit {
		h.thanks(w, r, v, resp) // a double submission: stored once already
		return
	}
	qs := v.s.Next(answers, v.profile)
	if edit {
		qs = v.s.Shown(answers, v.profile)
	}
	given, bad := parseForm(qs, r.PostForm, v.lang)
	if len(bad) > 0 {
		for _, a := range given {
			answers[a.Question] = a
		}
		h.form(w, r, http.StatusUnprocessableEntity, v, qs, answers, bad, edit)
		return
	}
	for _, a := range given {
		answers[a.Question] = a
	}
	v.s.Prune(answers)
	if _, err := h.submit(r.Context(), v, given, len(v.s.Next(answers, v.profile)) == 0); err != nil {
		h.failPage(w, r, err, v.lang, v.brand)
		return
	}
	http.Redirect(w, r, v.action, http.StatusSeeOther)
}

// submit stores answers under the visit's key, in a transaction shared
// with other respondents posting at the same moment.
func (h *Handler) submit(ctx context.Context, v *visit, answers []*survey.Answer, complete bool) (survey.Result, error) {
	return h.commit.Submit(ctx, &survey.Submission{Survey: v.s, SourceKey: v.key, InvitationID: v.invitation,
		CustomerID: v.customerID, Touchpoint: v.touchpoint, Channel: v.channel, Language: v.lang, Answers: answers,
		Complete: complete, EditFor: v.editFor})
}
