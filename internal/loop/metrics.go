package loop

import (
	"context"
	"sort"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// MetricsQuery asks for the loop metrics of cases opened in [From, To),
// grouped By team, touchpoint or period ("" for one group); Period is
// day, week or month.
type MetricsQuery struct {
	From, To time.Time
	By       string
	Period   string
}

// Metrics are one group's loop figures. Averages and shares are null when
// no case counts towards them.
type Metrics struct {
	Group              string       `json:"group"`
	Opened             int          `json:"opened"`
	Open               int          `json:"open"`
	Closed             int          `json:"closed"`
	FirstResponseHours *float64     `json:"avg_first_response_hours"`
	CloseHours         *float64     `json:"avg_close_hours"`
	WithinDeadline     *float64     `json:"within_deadline"` // share of resolved cases that met both deadlines
	RecoveryRate       *float64     `json:"recovery_rate"`   // share of re-surveyed cases whose score recovered
	Resurveyed         int          `json:"resurveyed"`
	TopRootCauses      []CauseCount `json:"top_root_causes"`
}

// CauseCount is how many closed cases named a root cause.
type CauseCount struct {
	RootCause string `json:"root_cause"`
	Cases     int    `json:"cases"`
}

// row is one case as the metrics read it.
type row struct {
	team                              *int64
	touchpoint, status, cause, metric string
	created, frDue, resDue            int64
	frAt, resAt, closedAt, after      *int64
}

// LoopMetrics computes the metrics for the workspace.
func LoopMetrics(ctx context.Context, db *store.DB, ws *workspace.Workspace, q MetricsQuery) ([]Metrics, error) {
	const op = "loop.Metrics"
	if q.By != "" && q.By != "team" && q.By != "touchpoint" && q.By != "period" {
		return nil, errs.Field(op, "by", "by must be team, touchpoint or period, not %q", q.By)
	}
	if q.Period == "" {
		q.Period = "week"
	}
	if q.Period != "day" && q.Period != "week" && q.Period != "month" {
		return nil, errs.Field(op, "period", "period must be day, week or month, not %q", q.Period)
	}
	rows, err := db.Query(ctx, `SELECT team_id, touchpoint, status, root_cause, metric, created_at, first_response_due,
		resolution_due, first_response_at, resolved_at, closed_at, score_after FROM cases
		WHERE workspace_id = ? AND created_at >= ? AND created_at < ?`, ws.ID, store.Millis(q.From), store.Millis(q.To))
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	groups := map[string]*tally{}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.team, &r.touchpoint, &r.status, &r.cause, &r.metric, &r.created, &r.frDue, &r.resDue,
			&r.frAt, &r.resAt, &r.closedAt, &r.after); err != nil {
			return nil, errs.Wrap(op, err)
		}
		key := groupKey(&r, q, ws)
		if groups[key] == nil {
			groups[key] = &tally{causes: map[string]int{}}
		}
		groups[key].add(&r)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(op, err)
	}
	out := []Metrics{}
	for key, t := range groups {
		out = append(out, t.metrics(key))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Group < out[j].Group })
	return out, nil
}

func groupKey(r *row, q MetricsQuery, ws *workspace.Workspace) string {
	switch q.By {
	case "team":
		if r.team == nil {
			return "none"
		}
		return itoa(*r.team)
	case "touchpoint":
		return r.touchpoint
	case "period":
		t := store.Time(r.created).In(ws.Location())
		switch q.Period {
		case "day":
			return t.Format(time.DateOnly)
		case "month":
			return t.Format("2006-01")
		}
		return locale.StartOfWeek(t, ws.Language).Format(time.DateOnly)
	}
	return "all"
}

type tally struct {
	opened, open, closed, resolved, within, resurveyed, recovered int
	frSum, closeSum                                               float64
	frN                                                           int
	causes                                                        map[string]int
}

func (t *tally) add(r *row) {
	t.opened++
	if r.status != Resolved && r.status != Closed {
		t.open++
	}
	if r.frAt != nil {
		t.frSum += float64(*r.frAt-r.created) / 3.6e6
		t.frN++
	}
	if r.resAt != nil {
		t.resolved++
		if r.frAt != nil && *r.frAt <= r.frDue && *r.resAt <= r.resDue {
			t.within++
		}
	}
	if r.closedAt != nil && r.status == Closed {
		t.closed++
		t.closeSum += float64(*r.closedAt-r.created) / 3.6e6
		t.causes[r.cause]++
	}
	if r.after != nil {
		t.resurveyed++
		if recovered(r.metric, int(*r.after)) {
			t.recovered++
		}
	}
}

func (t *tally) metrics(key string) Metrics {
	m := Metrics{Group: key, Opened: t.opened, Open: t.open, Closed: t.closed, Resurveyed: t.resurveyed,
		FirstResponseHours: ratio(t.frSum, t.frN), CloseHours: ratio(t.closeSum, t.closed),
		WithinDeadline: ratio(float64(t.within), t.resolved), RecoveryRate: ratio(float64(t.recovered), t.resurveyed),
		TopRootCauses: []CauseCount{}}
	for c, n := range t.causes {
		m.TopRootCauses = append(m.TopRootCauses, CauseCount{RootCause: c, Cases: n})
	}
	sort.Slice(m.TopRootCauses, func(i, j int) bool {
		a, b := m.TopRootCauses[i], m.TopRootCauses[j]
		return a.Cases > b.Cases || a.Cases == b.Cases && a.RootCause < b.RootCause
	})
	if len(m.TopRootCauses) > 5 {
		m.TopRootCauses = m.TopRootCauses[:5]
	}
	return m
}

func ratio(sum float64, n int) *float64 {
	if n == 0 {
		return nil
	}
	v := float64(int(sum/float64(n)*1000+0.5)) / 1000
	return &v
}
