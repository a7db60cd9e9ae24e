package analytics

import (
	"context"
	"database/sql"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Cell is one touchpoint on the journey map: how much happened there, how
// it felt, how it scored against the expectation, and where it is going.
type Cell struct {
	Touchpoint    string   `json:"touchpoint"`
	NameFa        string   `json:"name_fa"`
	NameEn        string   `json:"name_en"`
	Stage         string   `json:"stage"`
	Phase         string   `json:"phase"`
	Channel       string   `json:"channel"`
	Events        int64    `json:"events"`
	SignalBalance Metric   `json:"signal_balance"`
	Positive      int64    `json:"positive"`
	Negative      int64    `json:"negative"`
	TargetMetric  string   `json:"target_metric"`
	Target        *float64 `json:"target"`
	Score         Estimate `json:"score"`
	Gap           *float64 `json:"gap"` // score − target; negative means expectations are missed
	// TopNegativeThemes are what customers complained about here.
	TopNegativeThemes []ThemeMention `json:"top_negative_themes"`
}

// touchpoint is the catalog row analytics needs.
type touchpoint struct {
	key, nameFa, nameEn, stage, phase, channel, metric string
	target                                             *float64
}

func (q *Querier) touchpoints(ctx context.Context) ([]touchpoint, error) {
	rows, err := q.db.Query(ctx, `SELECT key, name_fa, name_en, stage, phase, channel, target_metric, target_score
		FROM touchpoints WHERE workspace_id = ? ORDER BY position, key`, q.ws)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []touchpoint
	for rows.Next() {
		var t touchpoint
		var target sql.NullFloat64
		if err := rows.Scan(&t.key, &t.nameFa, &t.nameEn, &t.stage, &t.phase, &t.channel, &t.metric, &target); err != nil {
			return nil, err
		}
		if target.Valid {
			t.target = &target.Float64
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// JourneyMap returns one cell per touchpoint in journey order, for the
// filter's period, each compared with the period before.
func (q *Querier) JourneyMap(ctx context.Context, f Filter) ([]Cell, error) {
	const op = "analytics.JourneyMap"
	tps, err := q.touchpoints(ctx)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	now, err := q.signalsByTouchpoint(ctx, f)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	before, err := q.signalsByTouchpoint(ctx, f.previous())
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	scores, err := q.scoreRows(ctx, f, false, true)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	themes, err := q.topNegativeThemes(ctx, f)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	cells := make([]Cell, 0, len(tps))
	for _, t := range tps {
		c := q.cell(t, now[t.key], before[t.key], scores)
		c.TopNegativeThemes = themes[t.key]
		if c.TopNegativeThemes == nil {
			c.TopNegativeThemes = []ThemeMention{}
		}
		cells = append(cells, c)
	}
	return cells, nil
}

func (q *Querier) cell(t touchpoint, now, before signalAgg, scores []scoreRow) Cell {
	c := Cell{Touchpoint: t.key, NameFa: t.nameFa, NameEn: t.nameEn, Stage: t.stage, Phase: t.phase, Channel: t.channel,
		Events: now.events, Positive: now.positive, Negative: now.negative, TargetMetric: t.metric, Target: t.target}
	c.SignalBalance = Metric{Estimate: now.balance(), Change: compare(now.balance(), before.balance())}
	var h dist
	for _, r := range scores {
		if r.touchpoint == t.key && r.kind == t.metric {
			h.add(r.dist)
		}
	}
	c.Score = h.estimate(t.metric)
	if t.metric == "csat" {
		c.Score = mean(h.total, h.totalSq, h.n) // targets for CSAT are means on 1–5
	}
	if t.target != nil && c.Score.N > 0 {
		g := round(c.Score.Value-*t.target, 2)
		c.Gap = &g
	}
	return c
}

func (q *Querier) signalsByTouchpoint(ctx context.Context, f Filter) (map[string]signalAgg, error) {
	rows, err := q.signalRows(ctx, f, false, true)
	if err != nil {
		return nil, err
	}
	out := map[string]signalAgg{}
	for _, r := range rows {
		a := out[r.touchpoint]
		a.add(r.signalAgg)
		out[r.touchpoint] = a
	}
	return out, nil
}

// Flow is how many customers reached each stage in the period and how
// many of them went on to the next stage.
type Flow struct {
	Stage      string   `json:"stage"`
	Reached    int64    `json:"reached"`
	Next       string   `json:"next,omitempty"`
	WentOn     int64    `json:"went_on"`
	Conversion Estimate `json:"conversion"` // share of Reached that went on, %
}

// stageOrder is the journey's order of stages.
var stageOrder = []string{"awareness", "consideration", "purchase", "delivery", "use", "support", "loyalty"}

// Flow counts customers per stage first reached in the period, and those
// that reached the next stage afterwards (at any time up to now).
func (q *Querier) Flow(ctx context.Context, f Filter) ([]Flow, error) {
	from, to := f.From.UnixMilli(), f.To.UnixMilli()
	out := make([]Flow, 0, len(stageOrder))
	for i, stage := range stageOrder {
		fl := Flow{Stage: stage}
		if err := q.db.QueryRow(ctx, `SELECT COUNT(*) FROM stage_reach WHERE workspace_id = ? AND stage = ?
			AND first_at >= ? AND first_at < ?`, q.ws, stage, from, to).Scan(&fl.Reached); err != nil {
			return nil, errs.Wrap("analytics.Flow", err)
		}
		if i+1 < len(stageOrder) {
			fl.Next = stageOrder[i+1]
			if err := q.db.QueryRow(ctx, `SELECT COUNT(*) FROM stage_reach a JOIN stage_reach b
				ON b.workspace_id = a.workspace_id AND b.customer_id = a.customer_id AND b.stage = ? AND b.first_at >= a.first_at
				WHERE a.workspace_id = ? AND a.stage = ? AND a.first_at >= ? AND a.first_at < ?`,
				fl.Next, q.ws, stage, from, to).Scan(&fl.WentOn); err != nil {
				return nil, errs.Wrap("analytics.Flow", err)
			}
			fl.Conversion = share(fl.WentOn, fl.Reached)
		}
		out = append(out, fl)
	}
	return out, nil
}
