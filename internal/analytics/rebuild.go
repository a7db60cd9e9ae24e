package analytics

import (
	"context"
	"database/sql"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Rebuild recomputes a workspace's rollups from its raw events and answers,
// in one transaction: after a bulk load, or when its time zone changed.
func Rebuild(ctx context.Context, db *store.DB, workspaceID int64) error {
	return errs.Wrap("analytics.Rebuild", db.InTx(ctx, func(tx *store.Tx) error {
		for _, table := range []string{"signal_rollups", "score_rollups", "stage_reach"} {
			if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE workspace_id = ?", workspaceID); err != nil {
				return err
			}
		}
		r, err := ForWorkspace(ctx, tx, workspaceID)
		if err != nil {
			return err
		}
		if err := rebuildSignals(ctx, tx, r); err != nil {
			return err
		}
		if err := rebuildScores(ctx, tx, r); err != nil {
			return err
		}
		if err := r.Flush(ctx, tx); err != nil {
			return err
		}
		return rebuildReach(ctx, tx, workspaceID)
	}))
}

func rebuildSignals(ctx context.Context, tx *store.Tx, r *Rollup) error {
	rows, err := tx.Query(ctx, `SELECT occurred_at, touchpoint, channel, signal FROM events WHERE workspace_id = ?`, r.workspace)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var at int64
		var tp, ch string
		var sig sql.NullInt64
		if err := rows.Scan(&at, &tp, &ch, &sig); err != nil {
			return err
		}
		var s *int
		if sig.Valid {
			v := int(sig.Int64)
			s = &v
		}
		r.Event(store.Time(at), tp, ch, s, 1)
	}
	return rows.Err()
}

func rebuildScores(ctx context.Context, tx *store.Tx, r *Rollup) error {
	rows, err := tx.Query(ctx, `SELECT answered_at, survey_id, question, kind, touchpoint, channel, language, score
		FROM survey_answers WHERE workspace_id = ? AND score IS NOT NULL`, r.workspace)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var at, survey int64
		var q, kind, tp, ch, lang string
		var score int
		if err := rows.Scan(&at, &survey, &q, &kind, &tp, &ch, &lang, &score); err != nil {
			return err
		}
		r.Score(store.Time(at), survey, q, kind, tp, ch, lang, score, 1)
	}
	return rows.Err()
}

// rebuildReach finds every customer's first visit to every stage in one
// statement both engines run.
func rebuildReach(ctx context.Context, tx *store.Tx, workspaceID int64) error {
	_, err := tx.Exec(ctx, `INSERT INTO stage_reach (workspace_id, customer_id, stage, first_at)
		SELECT e.workspace_id, e.customer_id, t.stage, MIN(e.occurred_at) FROM events e
		JOIN touchpoints t ON t.workspace_id = e.workspace_id AND t.key = e.touchpoint
		WHERE e.workspace_id = ? GROUP BY e.workspace_id, e.customer_id, t.stage`, workspaceID)
	return err
}
