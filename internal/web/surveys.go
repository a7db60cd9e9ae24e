package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// surveysData is the survey list and the form for a new one.
type surveysData struct {
	Surveys   []survey.Survey
	Templates []string
	Name      string
	Template  string
}

// surveys serves GET /surveys.
func (c *Console) surveys(w http.ResponseWriter, r *http.Request, v *View) {
	d, err := c.surveysData(r.Context(), v, "", "")
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageSurveys, d)
}

func (c *Console) surveysData(ctx context.Context, v *View, name, tmpl string) (surveysData, error) {
	d := surveysData{Templates: survey.TemplateKeys(), Name: name, Template: tmpl}
	var err error
	d.Surveys, err = survey.List(ctx, c.db, v.Workspace.ID)
	return d, err
}

// createSurvey serves POST /surveys: a draft from a template, or with one
// NPS question to start from.
func (c *Console) createSurvey(w http.ResponseWriter, r *http.Request, v *View) {
	name, tmpl := r.PostFormValue("name"), r.PostFormValue("template")
	s := survey.Survey{Questions: []survey.Question{{ID: "nps", Kind: survey.NPS, Required: true,
		Text: survey.Texts{"fa": v.In("fa", "console.survey.nps_text"), "en": v.In("en", "console.survey.nps_text")}}}}
	var err error
	if tmpl != "" {
		s, err = survey.Template(tmpl)
	}
	s.Name = name
	if err == nil {
		err = survey.Create(withoutCancel(r), c.db, v.Workspace.ID, actor(v), &s)
	}
	if err != nil {
		d, _ := c.surveysData(r.Context(), v, name, tmpl)
		c.formError(w, r, v, pageSurveys, d, err)
		return
	}
	http.Redirect(w, r, "/surveys/"+strconv.FormatInt(s.ID, 10)+"?done=created", http.StatusSeeOther)
}

// surveyOf loads the survey of the URL in the viewer's workspace; any
// other id is not found.
func (c *Console) surveyOf(r *http.Request, v *View) (*survey.Survey, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, errs.E("web.survey", errs.NotExist, "no survey %q", r.PathValue("id"))
	}
	return survey.Get(r.Context(), c.db, v.Workspace.ID, id)
}
