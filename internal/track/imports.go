package track

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// ImportState is what is remembered of one file's import.
type ImportState struct {
	Progress
	Done bool
}

// LoadImport returns how far the import of source got; a new source
// starts at the beginning.
func LoadImport(ctx context.Context, db *store.DB, workspaceID int64, source string) (ImportState, error) {
	var st ImportState
	var done sql.NullInt64
	err := db.QueryRow(ctx, `SELECT byte_offset, line, accepted, rejected, done_at FROM event_imports
		WHERE workspace_id = ? AND source = ?`, workspaceID, source).
		Scan(&st.Offset, &st.Line, &st.Accepted, &st.Rejected, &done)
	if errors.Is(err, sql.ErrNoRows) {
		return ImportState{}, nil
	}
	st.Done = done.Valid
	return st, errs.Wrap("track.LoadImport", err)
}

// SaveImport records how far the import of source got. It runs after the
// chunk's commit: a crash between the two re-reads one chunk, whose
// message ids are then found stored and skipped.
func SaveImport(ctx context.Context, db *store.DB, workspaceID int64, source, path string, st ImportState) error {
	now := store.Millis(db.Now())
	var done any
	if st.Done {
		done = now
	}
	_, err := db.Exec(ctx, `INSERT INTO event_imports (workspace_id, source, path, byte_offset, line, accepted, rejected, done_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, source) DO UPDATE SET path = excluded.path,
		byte_offset = excluded.byte_offset, line = excluded.line, accepted = excluded.accepted, rejected = excluded.rejected,
		done_at = excluded.done_at, updated_at = excluded.updated_at`,
		workspaceID, source, path, st.Offset, st.Line, st.Accepted, st.Rejected, done, now)
	return errs.Wrap("track.SaveImport", err)
}

// PickWorkspace finds the workspace an import or replay is for: by id or
// slug, or the only one when ref is empty.
func PickWorkspace(ctx context.Context, db *store.DB, ref string) (*workspace.Workspace, error) {
	const op = "track.PickWorkspace"
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return workspace.Get(ctx, db, id)
	}
	q, args := `SELECT id FROM workspaces ORDER BY id LIMIT 2`, []any{}
	if ref != "" {
		q, args = `SELECT id FROM workspaces WHERE slug = ?`, []any{ref}
	}
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, errs.Wrap(op, err)
		}
		ids = append(ids, id)
	}
	switch {
	case rows.Err() != nil:
		return nil, errs.Wrap(op, rows.Err())
	case len(ids) == 0 && ref != "":
		return nil, errs.E(op, errs.NotExist, "no workspace has the slug %q", ref)
	case len(ids) == 0:
		return nil, errs.E(op, errs.NotExist, "there is no workspace yet; run tajrobe init first")
	case len(ids) > 1:
		return nil, errs.Field(op, "workspace", "there are several workspaces; name one with --workspace ID or slug")
	}
	return workspace.Get(ctx, db, ids[0])
}
