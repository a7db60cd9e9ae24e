package analytics

import (
	"context"
	"strings"

	"github.com/tajrobe/tajrobe/internal/store"
)

// signalRow is one group of a signal query.
type signalRow struct {
	day        Day
	touchpoint string
	signalAgg
}

// balance is the signal balance: positive minus negative signals as a
// share of all signals, −100…100, with its margin of error.
func (a signalAgg) balance() Estimate { return netScore(a.positive, a.negative, a.signals) }

func (a *signalAgg) add(b signalAgg) {
	a.events += b.events
	a.signals += b.signals
	a.positive += b.positive
	a.negative += b.negative
	a.sum += b.sum
}

// signalRows reads signal counts grouped as asked, from rollups or, for a
// segment, from raw events joined to customers.
func (q *Querier) signalRows(ctx context.Context, f Filter, byDay, byTouchpoint bool) ([]signalRow, error) {
	if len(f.Segment) > 0 {
		return q.rawSignalRows(ctx, f, byDay, byTouchpoint)
	}
	var groups []string
	if byDay {
		groups = append(groups, "day")
	}
	if byTouchpoint {
		groups = append(groups, "touchpoint")
	}
	sel, group := "", ""
	if len(groups) > 0 {
		sel, group = strings.Join(groups, ", ")+", ", " GROUP BY "+strings.Join(groups, ", ")
	}
	w := f.rollupWhere(q.ws, q.loc, false)
	rows, err := q.db.Query(ctx, `SELECT `+sel+`COALESCE(SUM(events), 0), COALESCE(SUM(signals), 0), COALESCE(SUM(positive), 0),
		COALESCE(SUM(negative), 0), COALESCE(SUM(signal_sum), 0) FROM signal_rollups WHERE `+w.String()+group, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []signalRow
	for rows.Next() {
		var r signalRow
		var day int
		var dest []any
		if byDay {
			dest = append(dest, &day)
		}
		if byTouchpoint {
			dest = append(dest, &r.touchpoint)
		}
		dest = append(dest, &r.events, &r.signals, &r.positive, &r.negative, &r.sum)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		r.day = Day(day)
		out = append(out, r)
	}
	return out, rows.Err()
}

func (q *Querier) rawSignalRows(ctx context.Context, f Filter, byDay, byTouchpoint bool) ([]signalRow, error) {
	c := &clause{}
	c.add("e.workspace_id = ?", q.ws)
	c.add("e.occurred_at >= ? AND e.occurred_at < ?", store.Millis(f.From), store.Millis(f.To))
	f.journeyWhere(c, q.ws, "e.touchpoint", "e.channel")
	f.segmentWhere(c, q.db.Dialect)
	if err := q.guardRaw(ctx, "events e JOIN customers c ON c.id = e.customer_id", c); err != nil {
		return nil, err
	}
	rows, err := q.db.Query(ctx, `SELECT e.occurred_at, e.touchpoint, e.signal FROM events e
		JOIN customers c ON c.id = e.customer_id WHERE `+c.String(), c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	groups := map[signalKey]*signalAgg{}
	for rows.Next() {
		var at int64
		var tp string
		var sig *int
		if err := rows.Scan(&at, &tp, &sig); err != nil {
			return nil, err
		}
		k := signalKey{}
		if byDay {
			k.day = DayOf(store.Time(at), q.loc)
		}
		if byTouchpoint {
			k.touchpoint = tp
		}
		a := groups[k]
		if a == nil {
			a = &signalAgg{}
			groups[k] = a
		}
		a.count(sig, 1)
	}
	out := make([]signalRow, 0, len(groups))
	for k, a := range groups {
		out = append(out, signalRow{day: k.day, touchpoint: k.touchpoint, signalAgg: *a})
	}
	return out, rows.Err()
}

// count adds one event with its signal (sign +1) or takes it back (−1).
func (a *signalAgg) count(sig *int, sign int64) {
	a.events += sign
	if sig == nil {
		return
	}
	a.signals += sign
	a.sum += sign * int64(*sig)
	switch {
	case *sig > 0:
		a.positive += sign
	case *sig < 0:
		a.negative += sign
	}
}
