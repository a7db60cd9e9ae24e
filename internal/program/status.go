package program

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// moves are the status changes SetStatus allows.
var moves = map[string][]string{
	Draft:  {Active, Archived},
	Active: {Paused, Archived},
	Paused: {Active, Archived},
}

// SetStatus activates, pauses, resumes or archives a program. Pausing
// holds customers at their step; archiving lets everyone inside leave.
func SetStatus(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, actor string, id int64, status string) (*Program, error) {
	const op = "program.SetStatus"
	p, err := Get(ctx, tx, ws.ID, id)
	if err != nil {
		return nil, err
	}
	if !allowed(p.Status, status) {
		return nil, errs.E(op, errs.Conflict, "a %s program cannot become %s", p.Status, status)
	}
	if _, err := tx.Exec(ctx, `UPDATE programs SET status = ?, updated_at = ? WHERE id = ?`, status, store.Millis(tx.Now), id); err != nil {
		return nil, errs.Wrap(op, err)
	}
	forget(ws.ID, id)
	p.Status, p.UpdatedAt = status, tx.Now
	switch status {
	case Active:
		err = activate(ctx, tx, ws, p)
	case Archived:
		_, err = tx.Exec(ctx, `UPDATE program_enrollments SET state = 'exited', exit_reason = 'program archived', ended_at = ?, updated_at = ?
			WHERE program_id = ? AND state = 'active'`, store.Millis(tx.Now), store.Millis(tx.Now), id)
	}
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	return p, audit.Record(ctx, tx, ws.ID, actor, "program."+status, fmt.Sprint("program:", id), nil)
}

func allowed(from, to string) bool {
	for _, s := range moves[from] {
		if s == to {
			return true
		}
	}
	return false
}

// EnterByAPI puts a customer into an active program whose trigger is an
// API call; it reports false when the re-entry policy kept them out.
func EnterByAPI(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, id, customerID int64, props map[string]any) (bool, error) {
	const op = "program.Enter"
	p, err := Get(ctx, tx, ws.ID, id)
	if err != nil {
		return false, err
	}
	if p.Status != Active {
		return false, errs.E(op, errs.Conflict, "program %d is %s; activate it first", id, p.Status)
	}
	if p.Trigger.Kind != OnAPI {
		return false, errs.E(op, errs.Conflict, "program %d starts on %s, not on an API call", id, p.Trigger.Kind)
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM customers WHERE id = ? AND workspace_id = ?`, customerID, ws.ID).Scan(&n); err != nil || n == 0 {
		return false, errs.Field(op, "customer_id", "customer %d does not exist in this workspace", customerID)
	}
	en := Entry{Trigger: OnAPI, Properties: rawProps(props)}
	if len(p.Trigger.When) > 0 {
		if ok, err := entryHolds(ctx, tx, ws.ID, p, customerID, en); err != nil || !ok {
			return false, err
		}
	}
	return enter(ctx, tx, ws.ID, p, customerID, en)
}

func rawProps(props map[string]any) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for k, v := range props {
		if b, err := json.Marshal(v); err == nil {
			out[k] = b
		}
	}
	return out
}
