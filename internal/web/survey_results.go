package web

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/survey"
)

// resultsPage is how many responses the results page lists.
const resultsPage = 20

// resultsData is a survey's scores over the period with their counts and
// its latest responses.
type resultsData struct {
	Days      int
	Survey    *survey.Survey
	Scores    survey.Scores
	Responses []survey.Response
}

// surveyResults serves GET /surveys/{id}/results.
func (c *Console) surveyResults(w http.ResponseWriter, r *http.Request, v *View) {
	d := resultsData{Days: period(r)}
	var err error
	if d.Survey, err = c.surveyOf(r, v); err == nil {
		d.Scores, err = survey.ComputeScores(r.Context(), c.db, v.Workspace.ID,
			survey.ScoreFilter{SurveyID: d.Survey.ID, From: c.since(d.Days), To: c.db.Now()})
	}
	if err == nil {
		d.Responses, err = survey.ListResponses(r.Context(), c.db, v.Workspace.ID, d.Survey.ID, 0, resultsPage)
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageSurveyResults, d)
}

// surveyExport serves GET /surveys/{id}/export.csv: every response.
func (c *Console) surveyExport(w http.ResponseWriter, r *http.Request, v *View) {
	s, err := c.surveyOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="survey-`+strconv.FormatInt(s.ID, 10)+`.csv"`)
	if err := survey.ExportCSV(r.Context(), c.db, v.Workspace.ID, s.ID, w); err != nil {
		c.log.Error("survey export", "survey", s.ID, "err", err)
	}
}
