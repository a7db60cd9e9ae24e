package program

import (
	"context"
	"errors"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Reasons a customer would be kept out of a program, as WouldEnter says.
const (
	KeptByConditions = "conditions" // the trigger's conditions do not hold for them
	KeptByReentry    = "reentry"    // they are inside, or the re-entry policy keeps them out
)

// WouldEnter reports whether a real customer would enter the program if
// its trigger fired now for them: the trigger's conditions and the
// re-entry policy, checked as the hooks check them, in a transaction it
// rolls back. When not, it names the reason (KeptByConditions or
// KeptByReentry).
func WouldEnter(ctx context.Context, db *store.DB, ws *workspace.Workspace, id, customerID int64) (bool, string, error) {
	var ok bool
	var why string
	err := db.InTx(ctx, func(tx *store.Tx) error {
		p, err := Get(ctx, tx, ws.ID, id)
		if err != nil {
			return err
		}
		if _, err := loadPerson(ctx, tx, ws, customerID); err != nil {
			return err
		}
		ok, why, err = admits(ctx, tx, ws.ID, p, customerID)
		if err != nil {
			return err
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	return ok, why, err
}

func admits(ctx context.Context, tx *store.Tx, wsID int64, p *Program, customerID int64) (bool, string, error) {
	en := Entry{Trigger: p.Trigger.Kind, Event: p.Trigger.Event, Touchpoint: p.Trigger.Touchpoint, SurveyID: p.Trigger.SurveyID}
	if len(p.Trigger.When) > 0 {
		ok, err := entryHolds(ctx, tx, wsID, p, customerID, en)
		if err != nil || !ok {
			return false, KeptByConditions, err
		}
	}
	ok, err := mayEnter(ctx, tx, p, customerID)
	if err != nil || !ok {
		return false, KeptByReentry, err
	}
	return true, "", nil
}

// Candidates are the workspace's newest customers, at most n, to try a
// program on in a dry run when no one is named.
func Candidates(ctx context.Context, q queryer, wsID int64, n int) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM customers WHERE workspace_id = ? AND merged_into IS NULL ORDER BY id DESC LIMIT ?`, wsID, n)
	if err != nil {
		return nil, errs.Wrap("program.Candidates", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, errs.Wrap("program.Candidates", err)
		}
		ids = append(ids, id)
	}
	return ids, errs.Wrap("program.Candidates", rows.Err())
}
