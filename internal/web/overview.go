package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/customer"
)

// headline are the scores the overview leads with, in order.
var headline = []string{"nps", "csat", "ces"}

// overviewData is the overview page: the headline scores with their
// margins of error and change, alerts on significant drops, the signal
// balance of each stage and the weekly trends — all from rollups.
type overviewData struct {
	Days, Customers int
	Summary         *analytics.Summary
	Scores          []scoreTile
	Drops           []scoreTile // scores that fell beyond chance since the period before
	Total           stageRow
	Stages          []stageRow
	Charts          []scoreTile
}

// scoreTile is one metric's figure for the period and its weekly chart.
type scoreTile struct {
	Key string
	analytics.Metric
	Chart *lineChart
}

// overview serves GET /overview.
func (c *Console) overview(w http.ResponseWriter, r *http.Request, v *View) {
	ctx := r.Context()
	d := overviewData{Days: period(r)}
	q, f := c.querier(v), c.lastDays(d.Days)
	var err error
	if d.Customers, err = customer.Count(ctx, c.db, v.Workspace.ID); err == nil {
		d.Summary, err = q.Summary(ctx, f)
	}
	var cells []analytics.Cell
	if err == nil {
		cells, err = q.TouchpointSignals(ctx, f)
	}
	if err == nil {
		d.Charts, err = c.trends(ctx, v, append(headline, "signal_balance"), "")
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	d.Scores, d.Drops = scoreTiles(d.Summary)
	d.Stages, d.Total = stageRows(cellSignals(cells))
	c.render(w, r, http.StatusOK, v, pageOverview, d)
}

// scoreTiles lists the headline scores and those that dropped
// significantly against the period before.
func scoreTiles(s *analytics.Summary) (all, drops []scoreTile) {
	by := map[string]analytics.Metric{"nps": s.NPS, "csat": s.CSAT, "ces": s.CES}
	for _, name := range headline {
		t := scoreTile{Key: name, Metric: by[name]}
		all = append(all, t)
		if ch := t.Change; ch != nil && ch.Significant && ch.Delta < 0 {
			drops = append(drops, t)
		}
	}
	return all, drops
}
