package analytics

import (
	"context"
	"sort"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Focus is one touchpoint on the importance × performance view.
// Importance is derived from the data, not asked: the touchpoint's share
// of what explains customers' likelihood to recommend (relative weights of
// their NPS on their experiences at each touchpoint).
type Focus struct {
	Touchpoint  string   `json:"touchpoint"`
	NameFa      string   `json:"name_fa"`
	NameEn      string   `json:"name_en"`
	Stage       string   `json:"stage"`
	Importance  float64  `json:"importance"`  // % of the explained variance
	Performance Estimate `json:"performance"` // signal balance, −100…100
	Target      *float64 `json:"target"`
	Score       Estimate `json:"score"`
	Gap         *float64 `json:"gap"`
	Quadrant    string   `json:"quadrant"` // fix_first, keep_up, low_priority, possible_overkill or no_data
}

// Gaps is the gaps-and-focus view: every touchpoint's expectation against
// its score, its derived importance, and the one to improve first.
type Gaps struct {
	Touchpoints []Focus `json:"touchpoints"`
	FixFirst    string  `json:"fix_first,omitempty"`
	Respondents int     `json:"respondents"`
	R2          float64 `json:"r2"`
	TooSmall    bool    `json:"too_small"`
}

// maxRespondents bounds the customers the importance model reads.
const maxRespondents = 20_000

// Gaps computes the view for the filter's period.
func (q *Querier) Gaps(ctx context.Context, f Filter) (*Gaps, error) {
	const op = "analytics.Gaps"
	cells, err := q.JourneyMap(ctx, f)
	if err != nil {
		return nil, err
	}
	nps, err := q.latestNPS(ctx, f)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	signals, err := q.customerSignals(ctx, f, nps)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	g := &Gaps{Respondents: len(signals)}
	importance := q.importance(cells, nps, signals, g)
	for _, c := range cells {
		g.Touchpoints = append(g.Touchpoints, Focus{Touchpoint: c.Touchpoint, NameFa: c.NameFa, NameEn: c.NameEn,
			Stage: c.Stage, Importance: importance[c.Touchpoint], Performance: c.SignalBalance.Estimate,
			Target: c.Target, Score: c.Score, Gap: c.Gap})
	}
	quadrants(g)
	return g, nil
}

// latestNPS returns each respondent's most recent NPS in the period.
func (q *Querier) latestNPS(ctx context.Context, f Filter) (map[int64]float64, error) {
	rows, err := q.db.Query(ctx, `SELECT customer_id, score FROM survey_answers WHERE workspace_id = ? AND kind = 'nps'
		AND customer_id IS NOT NULL AND score IS NOT NULL AND answered_at >= ? AND answered_at < ?
		ORDER BY answered_at DESC LIMIT ?`, q.ws, store.Millis(f.From), store.Millis(f.To), maxRespondents*2)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]float64{}
	for rows.Next() && len(out) < maxRespondents {
		var c int64
		var s float64
		if err := rows.Scan(&c, &s); err != nil {
			return nil, err
		}
		if _, seen := out[c]; !seen {
			out[c] = s
		}
	}
	return out, rows.Err()
}

// customerSignals returns each respondent's mean signal per touchpoint in
// the period, reading events a chunk of customers at a time.
func (q *Querier) customerSignals(ctx context.Context, f Filter, nps map[int64]float64) (map[int64]map[string]float64, error) {
	ids := make([]int64, 0, len(nps))
	for c := range nps {
		ids = append(ids, c)
	}
	out := map[int64]map[string]float64{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		args := []any{q.ws, store.Millis(f.From.AddDate(0, -3, 0)), store.Millis(f.To)}
		for _, id := range chunk {
			args = append(args, id)
		}
		if err := q.readSignals(ctx, args, len(chunk), out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (q *Querier) readSignals(ctx context.Context, args []any, n int, out map[int64]map[string]float64) error {
	rows, err := q.db.Query(ctx, `SELECT customer_id, touchpoint, AVG(signal) FROM events WHERE workspace_id = ?
		AND occurred_at >= ? AND occurred_at < ? AND signal IS NOT NULL AND touchpoint <> '' AND customer_id IN (`+marks(n)+`)
		GROUP BY customer_id, touchpoint`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c int64
		var tp string
		var avg float64
		if err := rows.Scan(&c, &tp, &avg); err != nil {
			return err
		}
		if out[c] == nil {
			out[c] = map[string]float64{}
		}
		out[c][tp] = avg
	}
	return rows.Err()
}

// importance fits NPS on the touchpoints enough respondents passed through
// (missing experiences take the touchpoint's mean) and returns each
// touchpoint's share of R², in percent.
func (q *Querier) importance(cells []Cell, nps map[int64]float64, signals map[int64]map[string]float64, g *Gaps) map[string]float64 {
	var cols []string
	for _, c := range cells {
		seen := 0
		for _, s := range signals {
			if _, ok := s[c.Touchpoint]; ok {
				seen++
			}
		}
		if seen >= MinSample {
			cols = append(cols, c.Touchpoint)
		}
	}
	if len(signals) < MinSample || len(cols) < 2 {
		g.TooSmall = true
		return map[string]float64{}
	}
	x, y := design(cols, nps, signals)
	w, r2 := RelativeWeights(x, y)
	g.R2 = round(r2, 3)
	out := map[string]float64{}
	for j, tp := range cols {
		if r2 > 0 {
			out[tp] = round(100*w[j]/r2, 1)
		}
	}
	return out
}

// design builds the regression's rows: one respondent each.
func design(cols []string, nps map[int64]float64, signals map[int64]map[string]float64) ([][]float64, []float64) {
	means := make([]float64, len(cols))
	for j, tp := range cols {
		n := 0.0
		for _, s := range signals {
			if v, ok := s[tp]; ok {
				means[j] += v
				n++
			}
		}
		means[j] /= n
	}
	ids := make([]int64, 0, len(signals))
	for c := range signals {
		ids = append(ids, c)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] }) // same data, same answer
	x, y := make([][]float64, 0, len(ids)), make([]float64, 0, len(ids))
	for _, c := range ids {
		row := make([]float64, len(cols))
		for j, tp := range cols {
			row[j] = means[j]
			if v, ok := signals[c][tp]; ok {
				row[j] = v
			}
		}
		x, y = append(x, row), append(y, nps[c])
	}
	return x, y
}

// quadrants places each modelled touchpoint against the medians of
// importance and performance (signal balance), and names the one to fix
// first: the most important of those that perform below the median or
// miss their target. Touchpoints without data stay unplaced.
func quadrants(g *Gaps) {
	if g.TooSmall {
		return
	}
	var imp, perf []float64
	for _, t := range g.Touchpoints {
		if t.Importance > 0 {
			imp, perf = append(imp, t.Importance), append(perf, t.Performance.Value)
		}
	}
	mi, mp := median(imp), median(perf)
	best := 0.0
	for i := range g.Touchpoints {
		t := &g.Touchpoints[i]
		if t.Importance <= 0 {
			t.Quadrant = "no_data"
			continue
		}
		high, good := t.Importance >= mi, t.Performance.Value >= mp
		t.Quadrant = map[[2]bool]string{{true, false}: "fix_first", {true, true}: "keep_up",
			{false, false}: "low_priority", {false, true}: "possible_overkill"}[[2]bool{high, good}]
		missed := t.Gap != nil && *t.Gap < 0
		if (t.Quadrant == "fix_first" || missed) && t.Importance > best {
			best, g.FixFirst = t.Importance, t.Touchpoint
		}
	}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}
