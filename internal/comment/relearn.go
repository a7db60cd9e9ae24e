package comment

import (
	"context"
	"log/slog"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Relearn says when the server rebuilds a workspace's model by itself.
type Relearn struct {
	Check time.Duration // how often a node looks for a workspace due; default 1m
	Every time.Duration // at most once per this, per workspace; default 15m
	After int           // new comments or corrections since the last model; default 200
}

func (r *Relearn) defaults() {
	r.Check = cmpOr(r.Check, time.Minute)
	r.Every = cmpOr(r.Every, 15*time.Minute)
	if r.After <= 0 {
		r.After = 200
	}
}

// RelearnDue re-learns the model of every workspace with at least After
// new comments or corrections and no model newer than Every. No leader is
// needed: a node claims a workspace by moving its trained_at forward with
// UPDATE … WHERE trained_at < ?, and only the node whose update changed
// the row learns.
func RelearnDue(ctx context.Context, db *store.DB, r Relearn, log *slog.Logger) error {
	const op = "comment.RelearnDue"
	r.defaults()
	stale := store.Millis(db.Now().Add(-r.Every))
	due, err := dueWorkspaces(ctx, db, stale, r.After)
	if err != nil {
		return errs.Wrap(op, err)
	}
	for _, ws := range due {
		won, err := claimLearning(ctx, db, ws, stale)
		if err != nil {
			return errs.Wrap(op, err)
		}
		if !won {
			continue
		}
		res, err := Learn(ctx, db, ws)
		if err != nil {
			return err
		}
		if log != nil {
			log.Info("comment model re-learned", "workspace", ws, "learned", res.Learned, "version", res.Version,
				"positive", res.Positive, "negative", res.Negative, "strong", res.Strong)
		}
	}
	return nil
}

// dueWorkspaces lists workspaces whose model is older than stale and that
// have at least after comments analysed or corrected since it.
func dueWorkspaces(ctx context.Context, db *store.DB, stale int64, after int) ([]int64, error) {
	rows, err := db.Query(ctx, `SELECT w.id FROM workspaces w LEFT JOIN comment_models m ON m.workspace_id = w.id
		WHERE COALESCE(m.trained_at, 0) < ?
		AND (SELECT COUNT(*) FROM comment_analyses c WHERE c.workspace_id = w.id AND c.analysed_at > COALESCE(m.trained_at, 0))
		  + (SELECT COUNT(*) FROM comment_corrections k WHERE k.workspace_id = w.id AND k.at > COALESCE(m.trained_at, 0)) >= ?
		ORDER BY w.id`, stale, after)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// claimLearning moves the workspace's trained_at to now if it is still
// older than stale, and reports whether this call did.
func claimLearning(ctx context.Context, db *store.DB, workspaceID, stale int64) (bool, error) {
	won := false
	err := db.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO comment_models (workspace_id, trained_at) VALUES (?, 0)
			ON CONFLICT (workspace_id) DO NOTHING`, workspaceID); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE comment_models SET trained_at = ? WHERE workspace_id = ? AND trained_at < ?`,
			store.Millis(tx.Now), workspaceID, stale)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		won = n == 1
		return err
	})
	return won, err
}
