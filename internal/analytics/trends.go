package analytics

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Trends returns several metrics over the same periods, as Series would
// one by one, with one read for all the score metrics and one for the
// signal metrics. r's Metric is ignored; metrics names them.
func (q *Querier) Trends(ctx context.Context, f Filter, r SeriesRequest, metrics ...string) (map[string][]Point, error) {
	var scores []string
	signals := false
	for _, m := range metrics {
		r.Metric = m
		if err := q.checkSeries(f, r); err != nil {
			return nil, err
		}
		if m == "signal_balance" || m == "events" {
			signals = true
		} else {
			scores = append(scores, m)
		}
	}
	var srows []scoreRow
	var grows []signalRow
	var err error
	if len(scores) > 0 {
		srows, err = q.scoreRows(ctx, f, true, r.ByTouchpoint, scores...)
	}
	if err == nil && signals {
		grows, err = q.signalRows(ctx, f, true, r.ByTouchpoint)
	}
	if err != nil {
		return nil, errs.Wrap("analytics.Trends", err)
	}
	out := make(map[string][]Point, len(metrics))
	for _, m := range metrics {
		r.Metric = m
		if m == "signal_balance" || m == "events" {
			out[m] = q.signalPoints(grows, r)
		} else {
			out[m] = q.scorePoints(srows, r)
		}
	}
	return out, nil
}

// TouchpointSignals returns one cell per touchpoint in journey order with
// only its catalog entry and the period's signals — what a summary by
// stage needs, without the scores, comparisons and themes of JourneyMap.
func (q *Querier) TouchpointSignals(ctx context.Context, f Filter) ([]Cell, error) {
	const op = "analytics.TouchpointSignals"
	tps, err := q.touchpoints(ctx)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	now, err := q.signalsByTouchpoint(ctx, f)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	cells := make([]Cell, 0, len(tps))
	for _, t := range tps {
		a := now[t.key]
		cells = append(cells, Cell{Touchpoint: t.key, NameFa: t.nameFa, NameEn: t.nameEn, Stage: t.stage, Phase: t.phase,
			Channel: t.channel, Events: a.events, Positive: a.positive, Negative: a.negative,
			SignalBalance: Metric{Estimate: a.balance()}, TargetMetric: t.metric, Target: t.target})
	}
	return cells, nil
}
