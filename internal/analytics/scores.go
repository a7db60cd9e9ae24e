package analytics

import (
	"context"
	"strings"

	"github.com/tajrobe/tajrobe/internal/store"
)

// hist is the distribution of scores 0–10 of one kind of question.
type hist struct {
	n, total, totalSq int64
	h                 [11]int64
}

// score adds one score 0–10 (sign +1) or takes it back (−1); anything
// else is not a score and is ignored.
func (a *hist) score(score int, sign int64) {
	if score < 0 || score > 10 {
		return
	}
	a.n += sign
	a.total += sign * int64(score)
	a.totalSq += sign * int64(score*score)
	a.h[score] += sign
}

func (a hist) count(lo, hi int) int64 {
	var s int64
	for i := lo; i <= hi; i++ {
		s += a.h[i]
	}
	return s
}

// dist is what every metric needs of a distribution: the sums for means
// and the counts of the bands NPS, CSAT and yes/no are read from. Reads
// fetch these seven numbers instead of eleven histogram columns.
type dist struct {
	n, total, totalSq                     int64
	promoters, detractors, satisfied, yes int64
}

func (a hist) dist() dist {
	return dist{n: a.n, total: a.total, totalSq: a.totalSq, promoters: a.count(9, 10),
		detractors: a.count(0, 6), satisfied: a.count(4, 5), yes: a.count(1, 1)}
}

func (a *dist) add(b dist) {
	a.n += b.n
	a.total += b.total
	a.totalSq += b.totalSq
	a.promoters += b.promoters
	a.detractors += b.detractors
	a.satisfied += b.satisfied
	a.yes += b.yes
}

// estimate reads the distribution as its kind's standard metric: NPS as
// promoters − detractors, CSAT as the share of 4–5, CES and ratings as
// means, yes/no as the share of yes.
func (a dist) estimate(kind string) Estimate {
	switch kind {
	case "nps":
		return netScore(a.promoters, a.detractors, a.n)
	case "csat":
		return share(a.satisfied, a.n)
	case "yesno":
		return share(a.yes, a.n)
	}
	return mean(a.total, a.totalSq, a.n)
}

// scoreRow is one group of a score query: its dimensions and distribution.
type scoreRow struct {
	day              Day
	touchpoint, kind string
	dist
}

const distColumns = "SUM(n), SUM(total), SUM(total_sq), SUM(h9 + h10), SUM(h0 + h1 + h2 + h3 + h4 + h5 + h6), SUM(h4 + h5), SUM(h1)"

// scanDist reads distColumns into d, after the leading dest.
func scanDist(rows interface{ Scan(...any) error }, d *dist, dest ...any) error {
	return rows.Scan(append(dest, &d.n, &d.total, &d.totalSq, &d.promoters, &d.detractors, &d.satisfied, &d.yes)...)
}

// scoreRows reads score distributions grouped by kind and, as asked, by
// day and touchpoint — from rollups, or from raw answers when the filter
// has a segment.
func (q *Querier) scoreRows(ctx context.Context, f Filter, byDay, byTouchpoint bool, kinds ...string) ([]scoreRow, error) {
	if len(f.Segment) > 0 {
		return q.rawScoreRows(ctx, f, byDay, byTouchpoint)
	}
	groups := []string{"kind"}
	if byDay {
		groups = append(groups, "day")
	}
	if byTouchpoint {
		groups = append(groups, "touchpoint")
	}
	w := f.rollupWhere(q.ws, q.loc, true)
	if len(kinds) > 0 {
		w.add("kind IN ("+marks(len(kinds))+")", anys(kinds)...)
	}
	rows, err := q.db.Query(ctx, `SELECT `+strings.Join(groups, ", ")+`, `+distColumns+` FROM score_rollups WHERE `+
		w.String()+` GROUP BY `+strings.Join(groups, ", "), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []scoreRow
	for rows.Next() {
		var r scoreRow
		dest := []any{&r.kind}
		var day int
		if byDay {
			dest = append(dest, &day)
		}
		if byTouchpoint {
			dest = append(dest, &r.touchpoint)
		}
		if err := scanDist(rows, &r.dist, dest...); err != nil {
			return nil, err
		}
		r.day = Day(day)
		out = append(out, r)
	}
	return out, rows.Err()
}

// rawScoreRows answers a segment query from answers joined to customers.
func (q *Querier) rawScoreRows(ctx context.Context, f Filter, byDay, byTouchpoint bool) ([]scoreRow, error) {
	c := &clause{}
	c.add("a.workspace_id = ?", q.ws)
	c.add("a.answered_at >= ? AND a.answered_at < ?", store.Millis(f.From), store.Millis(f.To))
	c.add("a.score IS NOT NULL")
	f.journeyWhere(c, q.ws, "a.touchpoint", "a.channel")
	if f.SurveyID != 0 {
		c.add("a.survey_id = ?", f.SurveyID)
	}
	if f.Question != "" {
		c.add("a.question = ?", f.Question)
	}
	if f.Language != "" {
		c.add("a.language = ?", f.Language)
	}
	f.segmentWhere(c, q.db.Dialect)
	if err := q.guardRaw(ctx, "survey_answers a JOIN customers c ON c.id = a.customer_id", c); err != nil {
		return nil, err
	}
	rows, err := q.db.Query(ctx, `SELECT a.kind, a.touchpoint, a.answered_at, a.score FROM survey_answers a
		JOIN customers c ON c.id = a.customer_id WHERE `+c.String(), c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	groups := map[scoreRow]*hist{}
	for rows.Next() {
		var kind, tp string
		var at int64
		var score int
		if err := rows.Scan(&kind, &tp, &at, &score); err != nil {
			return nil, err
		}
		k := scoreRow{kind: kind}
		if byDay {
			k.day = DayOf(store.Time(at), q.loc)
		}
		if byTouchpoint {
			k.touchpoint = tp
		}
		h := groups[k]
		if h == nil {
			h = &hist{}
			groups[k] = h
		}
		h.score(score, 1)
	}
	out := make([]scoreRow, 0, len(groups))
	for k, h := range groups {
		k.dist = h.dist()
		out = append(out, k)
	}
	return out, rows.Err()
}

// byKind folds rows into one distribution per question kind.
func byKind(rows []scoreRow) map[string]dist {
	out := map[string]dist{}
	for _, r := range rows {
		d := out[r.kind]
		d.add(r.dist)
		out[r.kind] = d
	}
	return out
}
