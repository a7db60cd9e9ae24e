package web

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/journey"
)

// querier reads analytics for the viewer's workspace in its time zone.
func (c *Console) querier(v *View) *analytics.Querier {
	return analytics.NewQuerier(c.db, v.Workspace.ID, v.Loc)
}

// lastDays is the filter of the days before now.
func (c *Console) lastDays(days int) analytics.Filter {
	now := c.db.Now()
	return analytics.Filter{From: now.AddDate(0, 0, -days), To: now}
}

// cellSignals turns journey map cells into touchpoints and their signals,
// for the stage sums.
func cellSignals(cells []analytics.Cell) ([]journey.Touchpoint, map[string]journey.Signals) {
	tps := make([]journey.Touchpoint, 0, len(cells))
	by := make(map[string]journey.Signals, len(cells))
	for _, c := range cells {
		tps = append(tps, journey.Touchpoint{Key: c.Touchpoint, NameFa: c.NameFa, NameEn: c.NameEn, Stage: c.Stage,
			Channel: c.Channel, TargetMetric: c.TargetMetric, TargetScore: c.Target})
		by[c.Touchpoint] = journey.Signals{Positive: int(c.Positive), Negative: int(c.Negative), Volume: int(c.Events)}
	}
	return tps, by
}

// since is the start of a period of days before now.
func (c *Console) since(days int) time.Time { return c.db.Now().AddDate(0, 0, -days) }

// trends charts several metrics per week over the trend's weeks, for one
// touchpoint or ("") all, in the viewer's calendar — read together, one
// query for the scores and one for the signals.
func (c *Console) trends(ctx context.Context, v *View, metrics []string, touchpoint string) ([]scoreTile, error) {
	now := c.db.Now()
	f := analytics.Filter{From: trendStart(v, now), To: now}
	if touchpoint != "" {
		f.Touchpoints = []string{touchpoint}
	}
	pts, err := c.querier(v).Trends(ctx, f, analytics.SeriesRequest{Unit: "week", Calendar: v.Calendar}, metrics...)
	if err != nil {
		return nil, err
	}
	out := make([]scoreTile, len(metrics))
	for i, m := range metrics {
		out[i] = scoreTile{Key: m, Chart: seriesChart(v, m, pts[m], f.From, now)}
	}
	return out, nil
}
