package customer

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Count counts workspaceID's customers, not those merged into another.
func Count(ctx context.Context, db *store.DB, workspaceID int64) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT COUNT(*) FROM customers WHERE workspace_id = ? AND merged_into IS NULL`, workspaceID).Scan(&n)
	return n, errs.Wrap("customer.Count", err)
}
