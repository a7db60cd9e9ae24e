package program

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// queryer is what reads need: the database or a transaction.
type queryer interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// body is what a version keeps: everything but the program's identity
// and status.
type body struct {
	Name    string  `json:"name"`
	Trigger Trigger `json:"trigger"`
	Steps   []Step  `json:"steps"`
	Goal    *Goal   `json:"goal,omitempty"`
	Exit    Exit    `json:"exit"`
	Reentry Reentry `json:"reentry"`
}

func bodyOf(p *Program) body {
	return body{Name: p.Name, Trigger: p.Trigger, Steps: p.Steps, Goal: p.Goal, Exit: p.Exit, Reentry: p.Reentry}
}

func (b body) into(p *Program) {
	p.Name, p.Trigger, p.Steps, p.Goal, p.Exit, p.Reentry = b.Name, b.Trigger, b.Steps, b.Goal, b.Exit, b.Reentry
}

// Save validates p and stores it. A new program is a draft unless its
// status says active. Editing a program whose version customers have
// entered makes a new version; they stay on theirs.
func Save(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, actor string, p *Program) error {
	const op = "program.Save"
	env, err := EnvFor(ctx, tx, ws)
	if err != nil {
		return err
	}
	if err := Validate(p, env); err != nil {
		return err
	}
	raw, err := json.Marshal(bodyOf(p))
	if err != nil {
		return errs.Wrap(op, err)
	}
	if p.ID == 0 {
		err = create(ctx, tx, ws.ID, p)
	} else {
		err = update(ctx, tx, ws.ID, p)
	}
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM program_versions WHERE program_id = ? AND version = ?`, p.ID, p.Version); err != nil {
		return errs.Wrap(op, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO program_versions (program_id, version, body, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		p.ID, p.Version, string(raw), actor, store.Millis(tx.Now)); err != nil {
		return errs.Wrap(op, err)
	}
	forget(ws.ID, p.ID)
	if p.Status == Active {
		if err := activate(ctx, tx, ws, p); err != nil {
			return err
		}
	}
	return audit.Record(ctx, tx, ws.ID, actor, "program.save", fmt.Sprint("program:", p.ID), map[string]any{"version": p.Version})
}

func create(ctx context.Context, tx *store.Tx, wsID int64, p *Program) error {
	if p.Status != Active {
		p.Status = Draft
	}
	p.Version, p.CreatedAt, p.UpdatedAt = 1, tx.Now, tx.Now
	err := tx.QueryRow(ctx, `INSERT INTO programs (workspace_id, name, status, version, trigger_kind, created_at, updated_at)
		VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id`,
		wsID, p.Name, p.Status, p.Trigger.Kind, store.Millis(tx.Now), store.Millis(tx.Now)).Scan(&p.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return errs.Field("program.Save", "name", "a program called %q already exists", p.Name)
	}
	return errs.Wrap("program.Save", err)
}

func update(ctx context.Context, tx *store.Tx, wsID int64, p *Program) error {
	old, err := Get(ctx, tx, wsID, p.ID)
	if err != nil {
		return err
	}
	if old.Status == Archived {
		return errs.E("program.Save", errs.Conflict, "program %d is archived; copy it into a new program instead", p.ID)
	}
	var entered int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM program_enrollments WHERE program_id = ? AND version = ?`,
		p.ID, old.Version).Scan(&entered); err != nil {
		return errs.Wrap("program.Save", err)
	}
	p.Version, p.CreatedAt, p.UpdatedAt = old.Version, old.CreatedAt, tx.Now
	if entered > 0 || old.Status != Draft {
		p.Version++ // a running program's versions never change: those inside keep theirs
	}
	p.Status = old.Status // statuses change through SetStatus
	_, err = tx.Exec(ctx, `UPDATE programs SET name = ?, status = ?, version = ?, trigger_kind = ?, updated_at = ? WHERE id = ?`,
		p.Name, p.Status, p.Version, p.Trigger.Kind, store.Millis(tx.Now), p.ID)
	if err != nil && isUnique(err) {
		return errs.Field("program.Save", "name", "a program called %q already exists", p.Name)
	}
	return errs.Wrap("program.Save", err)
}

// Get returns a program with its current version.
func Get(ctx context.Context, q queryer, wsID, id int64) (*Program, error) {
	p := &Program{ID: id}
	var raw []byte
	var created, updated int64
	err := q.QueryRow(ctx, `SELECT p.status, p.version, p.created_at, p.updated_at, v.body FROM programs p
		JOIN program_versions v ON v.program_id = p.id AND v.version = p.version
		WHERE p.id = ? AND p.workspace_id = ?`, id, wsID).Scan(&p.Status, &p.Version, &created, &updated, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E("program.Get", errs.NotExist, "program %d does not exist in this workspace", id)
	}
	if err != nil {
		return nil, errs.Wrap("program.Get", err)
	}
	var b body
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, errs.Wrap("program.Get", err)
	}
	b.into(p)
	p.CreatedAt, p.UpdatedAt = store.Time(created), store.Time(updated)
	return p, nil
}

// List returns the workspace's programs, newest first.
func List(ctx context.Context, q queryer, wsID int64) ([]Program, error) {
	rows, err := q.Query(ctx, `SELECT id FROM programs WHERE workspace_id = ? ORDER BY id DESC`, wsID)
	if err != nil {
		return nil, errs.Wrap("program.List", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := []Program{}
	for _, id := range ids {
		p, err := Get(ctx, q, wsID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, nil
}

func isUnique(err error) bool {
	s := err.Error()
	return strings.Contains(s, "UNIQUE") || strings.Contains(s, "unique") || strings.Contains(s, "23505")
}
