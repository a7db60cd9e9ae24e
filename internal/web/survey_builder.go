package web

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/survey"
)

// questionKinds are the kinds the builder offers, in the order it lists them.
var questionKinds = []survey.Kind{survey.NPS, survey.CSAT, survey.CES, survey.Rating, survey.Single,
	survey.Multiple, survey.Text, survey.YesNo, survey.Emotion}

// builderData is the survey builder: the survey, a form per question,
// the form for a new question and the preview beside them.
type builderData struct {
	Survey *survey.Survey
	Kinds  []survey.Kind
	New    questionForm
	Edit   string // the question whose form was refused
	Forms  []questionForm
}

// surveyBuilder serves GET /surveys/{id}.
func (c *Console) surveyBuilder(w http.ResponseWriter, r *http.Request, v *View) {
	s, err := c.surveyOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageSurvey, builder(s, questionForm{Kind: string(survey.CSAT), Required: true}, ""))
}

func builder(s *survey.Survey, add questionForm, edit string) builderData {
	d := builderData{Survey: s, Kinds: questionKinds, New: add, Edit: edit}
	for i, q := range s.Questions {
		f := formOf(q)
		f.Earlier = questionIDs(s.Questions[:i])
		d.Forms = append(d.Forms, f)
	}
	d.New.Earlier = questionIDs(s.Questions)
	return d
}

func questionIDs(qs []survey.Question) []string {
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	return ids
}

// surveyPath is the builder's URL.
func surveyPath(s *survey.Survey) string { return "/surveys/" + strconv.FormatInt(s.ID, 10) }

// keep puts a refused form back as typed: the new question's, or the one
// of question qid.
func (d *builderData) keep(qid string, f questionForm) {
	if qid == "" {
		f.Earlier, d.New = d.New.Earlier, f
		return
	}
	for i := range d.Forms {
		if d.Forms[i].ID == qid && f.Kind != "" {
			f.Earlier, d.Forms[i] = d.Forms[i].Earlier, f
		}
	}
}
