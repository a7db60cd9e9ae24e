package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/loop"
)

// loopData is the loop's figures over the period: overall and by team.
type loopData struct {
	Days   int
	All    []loop.Metrics
	ByTeam []loop.Metrics
}

// analyticsLoop serves GET /analytics/loop.
func (c *Console) analyticsLoop(w http.ResponseWriter, r *http.Request, v *View) {
	d := loopData{Days: period(r)}
	q := loop.MetricsQuery{From: c.since(d.Days), To: c.db.Now()}
	var err error
	if d.All, err = loop.LoopMetrics(r.Context(), c.db, v.Workspace, q); err == nil {
		q.By = "team"
		d.ByTeam, err = loop.LoopMetrics(r.Context(), c.db, v.Workspace, q)
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageAnalyticsLoop, d)
}
