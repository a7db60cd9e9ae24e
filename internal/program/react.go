package program

import (
	"context"
	"fmt"
	"slices"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// react moves on the customer's enrollments that an event concerns: the
// goal converts them (also after the last step, within its window), an exit event ends them, the awaited event ends
// their wait (the next step runs on the timer, at once).
func react(ctx context.Context, tx *store.Tx, ev Event) error {
	ids, err := activeEnrollments(ctx, tx, ev.CustomerID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		e, err := lockEnrollment(ctx, tx, id)
		if err != nil {
			return err
		}
		if (e.State != InProgress && e.State != Completed) || e.WorkspaceID != ev.WorkspaceID {
			continue
		}
		p, _, err := loadVersion(ctx, tx, e.ProgramID, e.Version)
		if err != nil {
			return err
		}
		if err := reactOne(ctx, tx, e, p, &ev); err != nil {
			return err
		}
	}
	return nil
}

func reactOne(ctx context.Context, tx *store.Tx, e *enrollment, p *Program, ev *Event) error {
	detail := fmt.Sprintf("event %q (event %d)", ev.Name, ev.EventID)
	switch {
	case p.Goal != nil && p.Goal.Event == ev.Name && (p.Goal.Touchpoint == "" || p.Goal.Touchpoint == ev.Touchpoint) &&
		e.GoalUntil != nil && !tx.Now.After(*e.GoalUntil):
		e.State = Converted
		if err := writeLog(ctx, tx, e, e.Step, "converted", detail); err != nil {
			return err
		}
		return e.save(ctx, tx, nil, "goal met")
	case e.State != InProgress:
		return nil // completed: only the goal still counts, within its window
	case slices.Contains(p.Exit.Events, ev.Name):
		e.State = Exited
		if err := writeLog(ctx, tx, e, e.Step, "exited", detail); err != nil {
			return err
		}
		return e.save(ctx, tx, nil, "exit event "+ev.Name)
	case e.WaitingFor != "" && e.WaitingFor == ev.Name:
		e.WaitingFor = ""
		if err := writeLog(ctx, tx, e, e.Step, "event_arrived", detail); err != nil {
			return err
		}
		e.Seq++
		if err := enqueueStep(ctx, tx, e, true); err != nil {
			return err
		}
		return e.save(ctx, tx, &tx.Now, "")
	}
	return nil
}

// activeEnrollments are the customer's enrollments an event may move: those
// inside, and those completed whose goal window is still open.
func activeEnrollments(ctx context.Context, tx *store.Tx, customerID int64) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT id FROM program_enrollments WHERE customer_id = ?
		AND (state = 'active' OR (state = 'completed' AND goal_until >= ?))`, customerID, store.Millis(tx.Now))
	if err != nil {
		return nil, errs.Wrap("program.react", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
