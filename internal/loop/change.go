package loop

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Change is an edit of a case; nil fields stay as they are.
type Change struct {
	Status   *string `json:"status"`
	Priority *string `json:"priority"`
	Title    *string `json:"title"`
}

// Update applies a change to an open case. The status moves only along
// the flow; leaving "new" is the first response; a closed case is refused.
func Update(ctx context.Context, tx *store.Tx, wsID int64, actor string, id int64, ch Change) (*Case, error) {
	const op = "loop.Update"
	c, err := lockOpen(ctx, tx, wsID, id)
	if err != nil {
		return nil, err
	}
	prio, title := rules.PriorityIndex(c.Priority), c.Title
	if ch.Priority != nil {
		if prio = rules.PriorityIndex(*ch.Priority); prio < 0 {
			return nil, errs.Field(op, "priority", "priority must be low, normal, high or urgent, not %q", *ch.Priority)
		}
	}
	if ch.Title != nil {
		if title = strings.TrimSpace(*ch.Title); utf8.RuneCountInString(title) > 200 {
			return nil, errs.Field(op, "title", "the title must be at most 200 characters")
		}
	}
	status := c.Status
	if ch.Status != nil && *ch.Status != c.Status {
		if err := checkMove(c.Status, *ch.Status); err != nil {
			return nil, err
		}
		status = *ch.Status
	}
	now := store.Millis(tx.Now)
	_, err = tx.Exec(ctx, `UPDATE cases SET status = ?, priority = ?, title = ?, updated_at = ?,
		first_response_at = CASE WHEN ? <> 'new' THEN COALESCE(first_response_at, ?) ELSE first_response_at END,
		resolved_at = CASE WHEN ? = 'resolved' THEN COALESCE(resolved_at, ?) ELSE NULL END
		WHERE id = ?`, status, prio, title, now, status, now, status, now, id)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	if status != c.Status {
		if err := noteMove(ctx, tx, c, actor, Move{From: c.Status, To: status}); err != nil {
			return nil, err
		}
	}
	if err := audit.Record(ctx, tx, wsID, actor, "case.update", caseSubject(id), ch); err != nil {
		return nil, err
	}
	return Get(ctx, tx, wsID, id)
}

func checkMove(from, to string) error {
	if to == Closed {
		return errs.Field("loop.Update", "status", "close a case with POST …/close, which records its root cause and resolution")
	}
	if indexOf(next[from], to) < 0 {
		return errs.Field("loop.Update", "status", "a %s case cannot move to %q; it can move to %s", from, to, strings.Join(next[from], ", "))
	}
	return nil
}

// Assign gives an open case to a member of the workspace, or to a team:
// with a team and no owner, the team's next member in turn takes it.
func Assign(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, actor string, id int64, ownerID, teamID *int64) (*Case, error) {
	const op = "loop.Assign"
	if ownerID == nil && teamID == nil {
		return nil, errs.Field(op, "owner_id", "assign to an owner_id, a team_id or both")
	}
	c, err := lockOpen(ctx, tx, ws.ID, id)
	if err != nil {
		return nil, err
	}
	o := Opening{OwnerID: ownerID, TeamID: teamID}
	if err := o.assignee(ctx, tx, ws.ID); err != nil {
		return nil, err
	}
	if o.TeamID == nil {
		o.TeamID = c.TeamID
	}
	_, err = tx.Exec(ctx, `UPDATE cases SET owner_id = ?, team_id = ?, updated_at = ? WHERE id = ?`, o.OwnerID, o.TeamID, store.Millis(tx.Now), id)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	if c, err = Get(ctx, tx, ws.ID, id); err != nil {
		return nil, err
	}
	set, err := EnsureSettings(ctx, tx, ws)
	if err != nil {
		return nil, err
	}
	if err := alertCase(ctx, tx, ws, &set, c, "assigned", "owner"); err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, tx, ws.ID, actor, "case.assign", caseSubject(id), map[string]any{"owner_id": c.OwnerID, "team_id": c.TeamID})
}

// Reopen brings a resolved or closed case back to in progress, with new
// deadlines from now, and notes the move with the reason given (which may
// be empty). It is refused when the customer has opened another case for
// the same reason meanwhile.
func Reopen(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, actor string, id int64, reason string) (*Case, error) {
	const op = "loop.Reopen"
	if reason = strings.TrimSpace(reason); utf8.RuneCountInString(reason) > 4000 {
		return nil, errs.Field(op, "reason", "the reason to reopen must be at most 4000 characters")
	}
	c, err := Get(ctx, tx, ws.ID, id)
	if err != nil {
		return nil, err
	}
	if c.Status != Closed && c.Status != Resolved {
		return nil, errs.E(op, errs.Conflict, "case %d is %s, not resolved or closed; there is nothing to reopen", id, c.Status)
	}
	var other int64
	tx.QueryRow(ctx, `SELECT id FROM cases WHERE workspace_id = ? AND customer_id = ? AND reason = ? AND status <> 'closed' AND id <> ?`,
		ws.ID, c.CustomerID, c.Reason, id).Scan(&other)
	if other != 0 {
		return nil, errs.E(op, errs.Conflict, "the customer has case %d open for the same reason; work on that one", other)
	}
	set, err := EnsureSettings(ctx, tx, ws)
	if err != nil {
		return nil, err
	}
	first, resolve, err := set.deadlines(tx.Now)
	if err != nil {
		return nil, err
	}
	now := store.Millis(tx.Now)
	_, err = tx.Exec(ctx, `UPDATE cases SET status = 'in_progress', closed_at = NULL, resolved_at = NULL, escalations = 0,
		deadline_gen = deadline_gen + 1, first_response_due = ?, resolution_due = ?, updated_at = ? WHERE id = ?`,
		store.Millis(first), store.Millis(resolve), now, id)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	if err := noteMove(ctx, tx, c, actor, Move{From: c.Status, To: InProgress, Reason: reason}); err != nil {
		return nil, err
	}
	if c, err = Get(ctx, tx, ws.ID, id); err != nil {
		return nil, err
	}
	if err := scheduleDeadlines(ctx, tx, c); err != nil {
		return nil, err
	}
	return c, audit.Record(ctx, tx, ws.ID, actor, "case.reopen", caseSubject(id), map[string]string{"reason": reason})
}
