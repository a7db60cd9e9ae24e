package analytics

import (
	"context"
	"sort"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
)

// Point is one period of a time series, optionally for one touchpoint.
type Point struct {
	Start      time.Time `json:"start"`
	Label      string    `json:"label"` // e.g. 1405-09 in the Jalali calendar, 2026-11 in the Gregorian
	Touchpoint string    `json:"touchpoint,omitempty"`
	Estimate
}

// SeriesRequest asks for a metric over time.
type SeriesRequest struct {
	Metric       string // nps, csat, ces, rating, signal_balance or events
	Unit         string // day, week, month, quarter or year
	Calendar     string // jalali or gregorian
	ByTouchpoint bool
}

// maxPoints bounds a series so a group-by cannot explode.
const maxPoints = 20_000

var seriesMetrics = map[string]bool{"nps": true, "csat": true, "ces": true, "rating": true, "signal_balance": true, "events": true}

// Series returns the metric per period of the unit, in the workspace's
// time zone and the chosen calendar (Jalali weeks start on Saturday).
func (q *Querier) Series(ctx context.Context, f Filter, r SeriesRequest) ([]Point, error) {
	if err := q.checkSeries(f, r); err != nil {
		return nil, err
	}
	if r.Metric == "signal_balance" || r.Metric == "events" {
		return q.signalSeries(ctx, f, r)
	}
	return q.scoreSeries(ctx, f, r)
}

// checkSeries refuses an unknown metric, unit or calendar, and a series
// too long to draw.
func (q *Querier) checkSeries(f Filter, r SeriesRequest) error {
	const op = "analytics.Series"
	if !seriesMetrics[r.Metric] {
		return errs.Field(op, "metric", "metric must be nps, csat, ces, rating, signal_balance or events, not %q", r.Metric)
	}
	if !locale.IsUnit(r.Unit) {
		return errs.Field(op, "unit", "unit must be day, week, month, quarter or year, not %q", r.Unit)
	}
	if r.Calendar != locale.Jalali && r.Calendar != locale.Gregorian {
		return errs.Field(op, "calendar", "calendar must be jalali or gregorian, not %q", r.Calendar)
	}
	return q.checkSize(f, r)
}

// checkSize refuses series with more points than maxPoints.
func (q *Querier) checkSize(f Filter, r SeriesRequest) error {
	days := int(f.To.Sub(f.From).Hours()/24) + 1
	per := map[string]int{"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}[r.Unit]
	points := days/per + 1
	if r.ByTouchpoint {
		points *= 100 // a generous bound on touchpoints
	}
	if points > maxPoints {
		return errs.Field("analytics.Series", "unit", "that would be about %d points; choose a longer unit or a shorter period", points)
	}
	return nil
}

type pointKey struct {
	start      time.Time
	label      string
	touchpoint string
}

func (q *Querier) bucket(d Day, unit, calendar string) (time.Time, string) {
	return locale.Bucket(d.Time(q.loc), unit, calendar)
}

func (q *Querier) scoreSeries(ctx context.Context, f Filter, r SeriesRequest) ([]Point, error) {
	rows, err := q.scoreRows(ctx, f, true, r.ByTouchpoint, r.Metric)
	if err != nil {
		return nil, errs.Wrap("analytics.Series", err)
	}
	return q.scorePoints(rows, r), nil
}

// scorePoints sums the rows of r's metric into its periods.
func (q *Querier) scorePoints(rows []scoreRow, r SeriesRequest) []Point {
	acc := map[pointKey]*dist{}
	buckets := map[Day]pointKey{}
	for _, row := range rows {
		if row.kind != r.Metric {
			continue
		}
		k, ok := buckets[row.day]
		if !ok {
			k.start, k.label = q.bucket(row.day, r.Unit, r.Calendar)
			buckets[row.day] = k
		}
		k.touchpoint = row.touchpoint
		if acc[k] == nil {
			acc[k] = &dist{}
		}
		acc[k].add(row.dist)
	}
	out := make([]Point, 0, len(acc))
	for k, h := range acc {
		out = append(out, Point{Start: k.start, Label: k.label, Touchpoint: k.touchpoint, Estimate: h.estimate(r.Metric)})
	}
	return sortPoints(out)
}

func (q *Querier) signalSeries(ctx context.Context, f Filter, r SeriesRequest) ([]Point, error) {
	rows, err := q.signalRows(ctx, f, true, r.ByTouchpoint)
	if err != nil {
		return nil, errs.Wrap("analytics.Series", err)
	}
	return q.signalPoints(rows, r), nil
}

// signalPoints sums the rows into r's periods as its metric.
func (q *Querier) signalPoints(rows []signalRow, r SeriesRequest) []Point {
	acc := map[pointKey]*signalAgg{}
	for _, row := range rows {
		start, label := q.bucket(row.day, r.Unit, r.Calendar)
		k := pointKey{start, label, row.touchpoint}
		if acc[k] == nil {
			acc[k] = &signalAgg{}
		}
		acc[k].add(row.signalAgg)
	}
	out := make([]Point, 0, len(acc))
	for k, a := range acc {
		e := a.balance()
		if r.Metric == "events" {
			e = Estimate{Value: float64(a.events), N: a.events}
		}
		out = append(out, Point{Start: k.start, Label: k.label, Touchpoint: k.touchpoint, Estimate: e})
	}
	return sortPoints(out)
}

func sortPoints(p []Point) []Point {
	sort.Slice(p, func(i, j int) bool {
		if !p[i].Start.Equal(p[j].Start) {
			return p[i].Start.Before(p[j].Start)
		}
		return p[i].Touchpoint < p[j].Touchpoint
	})
	return p
}
