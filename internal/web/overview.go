package web

import (
	"net/http"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/journey"
)

// overviewData is the overview page: how many customers and events, the
// signal balance of each stage and the weekly trend.
type overviewData struct {
	Days, Customers, Events int
	Total                   stageRow
	Stages                  []stageRow
	Trend                   *lineChart
}

// stageRow is one stage's signals with its balance bar.
type stageRow struct {
	Key string
	journey.Signals
	Bar bar
}

// overview serves GET /overview.
func (c *Console) overview(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws, now := r.Context(), v.Workspace.ID, c.db.Now()
	d := overviewData{Days: period(r)}
	var err error
	if d.Customers, err = customer.Count(ctx, c.db, ws); err != nil {
		c.fail(w, r, v, err)
		return
	}
	if d.Events, err = journey.CountEvents(ctx, c.db, ws); err != nil {
		c.fail(w, r, v, err)
		return
	}
	tps, by, err := c.signals(r, ws, now.AddDate(0, 0, -d.Days))
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	d.Stages, d.Total = stageRows(tps, by)
	weeks, err := journey.WeeklySignals(ctx, c.db, ws, "", trendStart(v, now), trendWeeks)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	d.Trend = weeklyChart(v, weeks)
	c.render(w, r, http.StatusOK, v, pageOverview, d)
}

// signals loads the touchpoints and their signals since a time.
func (c *Console) signals(r *http.Request, ws int64, from time.Time) ([]journey.Touchpoint, map[string]journey.Signals, error) {
	tps, err := journey.ListTouchpoints(r.Context(), c.db, ws)
	if err != nil {
		return nil, nil, err
	}
	by, err := journey.SignalsByTouchpoint(r.Context(), c.db, ws, from)
	return tps, by, err
}

// stageRows orders the stages as the journey runs and sums them up.
func stageRows(tps []journey.Touchpoint, by map[string]journey.Signals) ([]stageRow, stageRow) {
	sums := journey.SignalsByStage(tps, by)
	var rows []stageRow
	var total journey.Signals
	for _, st := range journey.Stages {
		s := sums[st.Key]
		total = total.Add(s)
		rows = append(rows, stageRow{Key: st.Key, Signals: s, Bar: balanceBar(s)})
	}
	return rows, stageRow{Signals: total, Bar: balanceBar(total)}
}
