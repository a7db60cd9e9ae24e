// Package audit records who changed what, and when, in a workspace.
package audit

import (
	"context"
	"encoding/json"

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
