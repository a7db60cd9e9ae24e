package loop

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// AddNote adds an internal note, or a logged contact with the customer
// (kind "contact"), to an open case. The first contact is the case's first
// response. The text is kept exactly as written.
func AddNote(ctx context.Context, tx *store.Tx, wsID, caseID int64, actor, kind, body string) (*Note, error) {
	const op = "loop.AddNote"
	if kind == "" {
		kind = "note"
	}
	if kind != "note" && kind != "contact" {
		return nil, errs.Field(op, "kind", "a note is of kind note or contact, not %q", kind)
	}
	if strings.TrimSpace(body) == "" || utf8.RuneCountInString(body) > 10000 {
		return nil, errs.Field(op, "body", "a note needs text of 1 to 10000 characters")
	}
	c, err := lockOpen(ctx, tx, wsID, caseID)
	if err != nil {
		return nil, err
	}
	n, err := addNote(ctx, tx, c, kind, actor, body)
	if err != nil {
		return nil, err
	}
	if kind == "contact" && c.FirstResponseAt == nil {
		if err := markResponded(ctx, tx, c); err != nil {
			return nil, err
		}
	}
	return n, audit.Record(ctx, tx, wsID, actor, "case.note", caseSubject(caseID), map[string]any{"note_id": n.ID, "kind": kind})
}

func addNote(ctx context.Context, tx *store.Tx, c *Case, kind, author, body string) (*Note, error) {
	n := &Note{CaseID: c.ID, Kind: kind, Author: author, Body: body, CreatedAt: tx.Now.UTC()}
	err := tx.QueryRow(ctx, `INSERT INTO case_notes (workspace_id, case_id, kind, author, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, c.WorkspaceID, c.ID, kind, author, body, store.Millis(tx.Now)).Scan(&n.ID)
	return n, errs.Wrap("loop.addNote", err)
}

// markResponded records the first response now.
func markResponded(ctx context.Context, tx *store.Tx, c *Case) error {
	now := store.Millis(tx.Now)
	_, err := tx.Exec(ctx, `UPDATE cases SET first_response_at = ?, updated_at = ? WHERE id = ? AND first_response_at IS NULL`,
		now, now, c.ID)
	return errs.Wrap("loop.markResponded", err)
}

// Notes lists a case's notes, oldest first.
func Notes(ctx context.Context, q queryer, wsID, caseID int64) ([]Note, error) {
	rows, err := q.Query(ctx, `SELECT id, case_id, kind, author, body, created_at FROM case_notes
		WHERE case_id = ? AND workspace_id = ? ORDER BY id`, caseID, wsID)
	if err != nil {
		return nil, errs.Wrap("loop.Notes", err)
	}
	defer rows.Close()
	out := []Note{}
	for rows.Next() {
		var n Note
		var at int64
		if err := rows.Scan(&n.ID, &n.CaseID, &n.Kind, &n.Author, &n.Body, &at); err != nil {
			return nil, errs.Wrap("loop.Notes", err)
		}
		n.CreatedAt = store.Time(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

// lockOpen reads a case for change in tx, refusing a closed one. On
// PostgreSQL the row stays locked until tx ends, so two agents changing
// one case take turns; SQLite's single writer already does that.
func lockOpen(ctx context.Context, tx *store.Tx, wsID, id int64) (*Case, error) {
	q := `SELECT ` + caseColumns + ` FROM cases WHERE id = ? AND workspace_id = ?`
	if tx.Dialect() == store.Postgres {
		q += ` FOR UPDATE`
	}
	c, err := scanCase(tx.QueryRow(ctx, q, id, wsID))
	if err != nil {
		return nil, errs.E("loop.lockOpen", errs.NotExist, "case %d does not exist", id)
	}
	if c.Status == Closed {
		return nil, errs.E("loop.lockOpen", errs.Conflict, "case %d is closed; reopen it to change it", id)
	}
	return c, nil
}
