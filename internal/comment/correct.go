package comment

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// Correct records an agent's label for an analysis, replacing an earlier
// one. Corrections win over the analyser's label wherever analyses are
// read, and are strong labels the next time the workspace's model learns.
func Correct(ctx context.Context, db *store.DB, workspaceID, id int64, label, actor string) (*Analysis, error) {
	const op = "comment.Correct"
	switch label {
	case textan.Positive, textan.Neutral, textan.Negative:
	default:
		return nil, errs.Field(op, "sentiment", "sentiment is positive, neutral or negative, not %q", clean(label, 20))
	}
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var was string
		err := tx.QueryRow(ctx, `SELECT sentiment FROM comment_analyses WHERE id = ? AND workspace_id = ?`, id, workspaceID).Scan(&was)
		if err != nil {
			return notFound(op, id, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO comment_corrections (analysis_id, workspace_id, label, actor, at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (analysis_id) DO UPDATE SET label = excluded.label, actor = excluded.actor, at = excluded.at`,
			id, workspaceID, label, actor, store.Millis(tx.Now)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, workspaceID, actor, "comment.correct", "comment:"+itoa(id), map[string]string{"from": was, "to": label})
	})
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	return Get(ctx, db, workspaceID, id)
}
