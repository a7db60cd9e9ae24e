package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/journey"
)

// recentEvents is how many events the touchpoint page lists.
const recentEvents = 25

// touchpointData is one touchpoint: its signals over the period and by
// week, and its latest events.
type touchpointData struct {
	Days       int
	Touchpoint *journey.Touchpoint
	Period     stageRow
	Heat       string
	Trend      *lineChart
	Recent     []journey.Event
}

// touchpoint serves GET /journey/{key}; another workspace's touchpoint is
// not found.
func (c *Console) touchpoint(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws, now := r.Context(), v.Workspace.ID, c.db.Now()
	d := touchpointData{Days: period(r)}
	var err error
	if d.Touchpoint, err = journey.GetTouchpoint(ctx, c.db, ws, r.PathValue("key")); err != nil {
		c.fail(w, r, v, err)
		return
	}
	by, err := journey.SignalsByTouchpoint(ctx, c.db, ws, now.AddDate(0, 0, -d.Days))
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	s := by[d.Touchpoint.Key]
	d.Period, d.Heat = stageRow{Key: d.Touchpoint.Stage, Signals: s, Bar: balanceBar(s)}, heatClass(s)
	weeks, err := journey.WeeklySignals(ctx, c.db, ws, d.Touchpoint.Key, trendStart(v, now), trendWeeks)
	if err == nil {
		d.Trend = weeklyChart(v, weeks)
		d.Recent, err = journey.RecentEvents(ctx, c.db, ws, d.Touchpoint.Key, recentEvents)
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageTouchpoint, d)
}
