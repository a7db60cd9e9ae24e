// Package audit records who changed what, and when, in a workspace.
package audit

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Record appends one entry to the workspace's audit log inside tx, so the
// entry exists exactly when the change does.
func Record(ctx context.Context, tx *store.Tx, workspaceID int64, actor, action, subject string, detail any) error {
	body, err := json.Marshal(detail)
	if err != nil {
		return errs.Wrap("audit.Record", err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO audit_log (workspace_id, actor, action, subject, detail, at)
		VALUES (?, ?, ?, ?, ?, ?)`, workspaceID, actor, action, subject, string(body), store.Millis(tx.Now))
	return errs.Wrap("audit.Record", err)
}

// Count counts the entries of one actor's action in the workspace since
// a moment, as a rate limit that holds across the nodes sharing the
// database (the log is indexed by workspace and time).
func Count(ctx context.Context, q interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}, workspaceID int64, actor, action string, since time.Time) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE workspace_id = ? AND at >= ? AND actor = ? AND action = ?`,
		workspaceID, store.Millis(since), actor, action).Scan(&n)
	return n, errs.Wrap("audit.Count", err)
}
