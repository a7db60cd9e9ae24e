package web

import (
	"net/http"
	"slices"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// addQuestion serves POST /surveys/{id}/questions: the question goes last.
func (c *Console) addQuestion(w http.ResponseWriter, r *http.Request, v *View) {
	f := readQuestionForm(r)
	c.changeQuestions(w, r, v, f, "", func(s *survey.Survey, q survey.Question) error {
		s.Questions = append(s.Questions, q)
		return nil
	})
}

// saveQuestion serves POST /surveys/{id}/questions/{qid}: the question is
// replaced in place, keeping its position.
func (c *Console) saveQuestion(w http.ResponseWriter, r *http.Request, v *View) {
	f, qid := readQuestionForm(r), r.PathValue("qid")
	c.changeQuestions(w, r, v, f, qid, func(s *survey.Survey, q survey.Question) error {
		i := slices.IndexFunc(s.Questions, func(x survey.Question) bool { return x.ID == qid })
		if i < 0 {
			return errs.E("web.survey", errs.NotExist, "no question %q", qid)
		}
		s.Questions[i] = q
		return nil
	})
}

// deleteQuestion serves POST /surveys/{id}/questions/{qid}/delete.
func (c *Console) deleteQuestion(w http.ResponseWriter, r *http.Request, v *View) {
	qid := r.PathValue("qid")
	c.changeQuestions(w, r, v, questionForm{}, qid, func(s *survey.Survey, _ survey.Question) error {
		n := len(s.Questions)
		s.Questions = slices.DeleteFunc(s.Questions, func(x survey.Question) bool { return x.ID == qid })
		if len(s.Questions) == n {
			return errs.E("web.survey", errs.NotExist, "no question %q", qid)
		}
		return nil
	})
}

// moveQuestion serves POST /surveys/{id}/questions/{qid}/move: the
// question goes one place up (dir=up) or down; a move that would break
// its show-if logic is refused with the reason.
func (c *Console) moveQuestion(w http.ResponseWriter, r *http.Request, v *View) {
	qid, by := r.PathValue("qid"), 0
	switch r.PostFormValue("dir") {
	case "up":
		by = -1
	case "down":
		by = 1
	}
	c.changeQuestions(w, r, v, questionForm{}, qid, func(s *survey.Survey, _ survey.Question) error {
		return s.Move(qid, by)
	})
}

// changeQuestions applies one change to the survey's questions and saves
// it; a refused change shows the builder again with the form as typed.
func (c *Console) changeQuestions(w http.ResponseWriter, r *http.Request, v *View, f questionForm, qid string,
	change func(s *survey.Survey, q survey.Question) error) {
	s, err := c.surveyOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	saved := *s
	saved.Questions = slices.Clone(s.Questions)
	q, err := f.question()
	if err == nil {
		err = change(s, q)
	}
	if err == nil {
		err = survey.Save(withoutCancel(r), c.db, actor(v), s)
	}
	if errs.Is(err, errs.NotExist) {
		c.fail(w, r, v, err)
		return
	}
	if err != nil {
		d := builder(&saved, questionForm{Kind: string(survey.CSAT)}, qid)
		d.keep(qid, f)
		c.formError(w, r, v, pageSurvey, d, surveyError(err))
		return
	}
	http.Redirect(w, r, surveyPath(s)+"?done=saved", http.StatusSeeOther)
}
