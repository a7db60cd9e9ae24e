package web

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// driversData is a key-driver analysis of one survey's outcome question.
type driversData struct {
	Days    int
	Surveys []survey.Survey
	Survey  *survey.Survey
	Drivers *analytics.Drivers
}

// analyticsDrivers serves GET /analytics/drivers?survey=: the survey's
// primary question explained by its other scored questions.
func (c *Console) analyticsDrivers(w http.ResponseWriter, r *http.Request, v *View) {
	ctx := r.Context()
	d := driversData{Days: period(r)}
	var err error
	if d.Surveys, err = survey.List(ctx, c.db, v.Workspace.ID); err != nil {
		c.fail(w, r, v, err)
		return
	}
	id, _ := strconv.ParseInt(latin(r.URL.Query().Get("survey")), 10, 64)
	for i := range d.Surveys {
		if s := &d.Surveys[i]; (id == 0 || s.ID == id) && s.Primary() != nil && d.Survey == nil {
			d.Survey = s
		}
	}
	if d.Survey != nil {
		f := c.lastDays(d.Days)
		f.SurveyID = d.Survey.ID
		d.Drivers, err = c.querier(v).Drivers(ctx, f, d.Survey.Primary().ID)
		if errs.FieldOf(err) == "outcome" { // no answers in the period: nothing to explain yet
			d.Drivers, err = nil, nil
		}
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageAnalyticsDrivers, d)
}
