package web

import (
	"context"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/loop"
)

// How many comments and cases the touchpoint page lists.
const (
	tpComments = 10
	tpCases    = 10
)

// touchpointData is one touchpoint: its signals and score in the period,
// both by week, what customers wrote there and its themes, and its cases.
type touchpointData struct {
	Days       int
	Touchpoint *journey.Touchpoint
	Cell       analytics.Cell
	Heat       string
	Charts     []scoreTile
	Comments   []comment.Analysis
	Themes     []themeRow
	Cases      caseTable
}

// touchpoint serves GET /journey/{key}; another workspace's touchpoint is
// not found.
func (c *Console) touchpoint(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws := r.Context(), v.Workspace.ID
	d := touchpointData{Days: period(r)}
	var err error
	if d.Touchpoint, err = journey.GetTouchpoint(ctx, c.db, ws, r.PathValue("key")); err == nil {
		err = c.touchpointFigures(ctx, v, &d)
	}
	if err == nil {
		d.Comments, _, err = comment.List(ctx, c.db, ws, comment.Filter{Touchpoint: d.Touchpoint.Key, Limit: tpComments})
	}
	if err == nil {
		d.Themes, err = c.themeRows(ctx, v, d.Touchpoint.Key, d.Days)
	}
	if err == nil && v.Can("cases.work") {
		var cases []*loop.Case
		if cases, _, err = loop.List(ctx, c.db, ws, loop.Filter{Touchpoint: d.Touchpoint.Key, Limit: tpCases}); err == nil {
			d.Cases, err = c.caseTable(ctx, v, cases)
		}
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageTouchpoint, d)
}

// touchpointFigures reads the touchpoint's journey map cell and its weekly
// signal balance and score.
func (c *Console) touchpointFigures(ctx context.Context, v *View, d *touchpointData) error {
	f := c.lastDays(d.Days)
	f.Touchpoints = []string{d.Touchpoint.Key}
	cells, err := c.querier(v).JourneyMap(ctx, f)
	if err != nil {
		return err
	}
	for _, cell := range cells {
		if cell.Touchpoint == d.Touchpoint.Key {
			d.Cell = cell
		}
	}
	d.Heat = metricHeat(d.Cell.SignalBalance)
	metrics := []string{"signal_balance"}
	if m := d.Touchpoint.TargetMetric; m != "" {
		metrics = append(metrics, m)
	}
	d.Charts, err = c.trends(ctx, v, metrics, d.Touchpoint.Key)
	return err
}
