package analytics

import (
	"context"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Flush adds the collected changes to the rollups in tx and empties r.
// One upsert per distinct day and dimension: a batch of a thousand events
// at a handful of touchpoints costs a handful of statements.
func (r *Rollup) Flush(ctx context.Context, tx *store.Tx) error {
	const op = "analytics.Flush"
	for k, a := range r.signals {
		if _, err := tx.Exec(ctx, `INSERT INTO signal_rollups (workspace_id, day, touchpoint, channel, events, signals,
			positive, negative, signal_sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (workspace_id, day, touchpoint, channel) DO UPDATE SET
			events = signal_rollups.events + excluded.events, signals = signal_rollups.signals + excluded.signals,
			positive = signal_rollups.positive + excluded.positive, negative = signal_rollups.negative + excluded.negative,
			signal_sum = signal_rollups.signal_sum + excluded.signal_sum`,
			r.workspace, int(k.day), k.touchpoint, k.channel, a.events, a.signals, a.positive, a.negative, a.sum); err != nil {
			return errs.Wrap(op, err)
		}
	}
	for k, a := range r.scores {
		if err := flushScore(ctx, tx, r.workspace, k, a); err != nil {
			return errs.Wrap(op, err)
		}
	}
	if err := r.flushReach(ctx, tx); err != nil {
		return errs.Wrap(op, err)
	}
	clear(r.signals)
	clear(r.scores)
	clear(r.reach)
	return nil
}

func flushScore(ctx context.Context, tx *store.Tx, ws int64, k scoreKey, a *hist) error {
	args := []any{ws, int(k.day), k.survey, k.question, k.kind, k.touchpoint, k.channel, k.language, a.n, a.total, a.totalSq}
	for _, h := range a.h {
		args = append(args, h)
	}
	_, err := tx.Exec(ctx, `INSERT INTO score_rollups (workspace_id, day, survey_id, question, kind, touchpoint, channel,
		language, n, total, total_sq, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workspace_id, day, survey_id, question, touchpoint, channel, language) DO UPDATE SET
		n = score_rollups.n + excluded.n, total = score_rollups.total + excluded.total,
		total_sq = score_rollups.total_sq + excluded.total_sq,
		h0 = score_rollups.h0 + excluded.h0, h1 = score_rollups.h1 + excluded.h1, h2 = score_rollups.h2 + excluded.h2,
		h3 = score_rollups.h3 + excluded.h3, h4 = score_rollups.h4 + excluded.h4, h5 = score_rollups.h5 + excluded.h5,
		h6 = score_rollups.h6 + excluded.h6, h7 = score_rollups.h7 + excluded.h7, h8 = score_rollups.h8 + excluded.h8,
		h9 = score_rollups.h9 + excluded.h9, h10 = score_rollups.h10 + excluded.h10`, args...)
	return err
}

// reachChunk bounds the rows of one stage_reach statement.
const reachChunk = 200

// flushReach records first visits per stage, looking each touchpoint's
// stage up in the same statement, a chunk of rows at a time.
func (r *Rollup) flushReach(ctx context.Context, tx *store.Tx) error {
	rows := make([]any, 0, 3*reachChunk)
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		values := strings.TrimSuffix(strings.Repeat("(CAST(? AS BIGINT), ?, CAST(? AS BIGINT)),", n), ",")
		_, err := tx.Exec(ctx, `INSERT INTO stage_reach (workspace_id, customer_id, stage, first_at)
			SELECT t.workspace_id, v.column1, t.stage, MIN(v.column3) FROM (VALUES `+values+`) AS v
			JOIN touchpoints t ON t.workspace_id = ? AND t.key = v.column2 WHERE true
			GROUP BY t.workspace_id, v.column1, t.stage
			ON CONFLICT (workspace_id, customer_id, stage) DO UPDATE SET first_at = excluded.first_at
			WHERE excluded.first_at < stage_reach.first_at`, append(rows, r.workspace)...)
		rows, n = rows[:0], 0
		return err
	}
	for k, at := range r.reach {
		rows = append(rows, k.customer, k.touchpoint, store.Millis(at))
		if n++; n == reachChunk {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
