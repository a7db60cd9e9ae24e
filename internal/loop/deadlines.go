package loop

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Timer job kinds the loop runs.
const (
	JobDeadline = "loop.deadline"
	JobAlert    = "loop.alert"
	JobDigest   = "loop.digest"
)

// deadlineJob is the payload of a deadline timer.
type deadlineJob struct {
	WorkspaceID int64  `json:"workspace_id"`
	CaseID      int64  `json:"case_id"`
	Deadline    string `json:"deadline"` // first_response or resolution
	Gen         int    `json:"gen"`      // the case's deadline generation; a reopen starts a new one
}

// scheduleDeadlines adds the case's deadline timers in tx. Their keys name
// the case, generation and deadline, so they are added once, ever.
func scheduleDeadlines(ctx context.Context, tx *store.Tx, c *Case) error {
	due := map[string]int64{FirstResponse: store.Millis(c.FirstResponseDue), Resolution: store.Millis(c.ResolutionDue)}
	for _, d := range []string{FirstResponse, Resolution} {
		if d == FirstResponse && c.FirstResponseAt != nil {
			continue
		}
		key := fmt.Sprintf("case:%d:%d:%s", c.ID, c.gen, d)
		p := deadlineJob{WorkspaceID: c.WorkspaceID, CaseID: c.ID, Deadline: d, Gen: c.gen}
		if _, err := timer.Enqueue(ctx, tx, JobDeadline, key, p, store.Time(due[d]), 0); err != nil {
			return err
		}
	}
	return nil
}

// escalate runs when a deadline passes. It changes the case only if the
// deadline is still unmet, of the case's current generation and not yet
// escalated; that test and the change are one UPDATE, so a timer run twice
// (a node died after running it) escalates once.
func escalate(ctx context.Context, tx *store.Tx, p deadlineJob) (bool, error) {
	const op = "loop.escalate"
	bit := deadlineBit[p.Deadline]
	if bit == 0 {
		return false, errs.E(op, errs.Invalid, "unknown deadline %q", p.Deadline)
	}
	unmet := "status NOT IN ('resolved', 'closed')"
	if p.Deadline == FirstResponse {
		unmet += " AND first_response_at IS NULL"
	}
	res, err := tx.Exec(ctx, `UPDATE cases SET escalations = escalations + ?, priority = CASE WHEN priority < 3 THEN priority + 1 ELSE 3 END,
		updated_at = ? WHERE id = ? AND workspace_id = ? AND deadline_gen = ? AND (escalations & ?) = 0 AND `+unmet,
		bit, store.Millis(tx.Now), p.CaseID, p.WorkspaceID, p.Gen, bit)
	if err != nil {
		return false, errs.Wrap(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil // met, reopened since, or escalated already
	}
	return true, escalated(ctx, tx, p)
}

// escalated notes the escalation, alerts the team lead and audits it.
func escalated(ctx context.Context, tx *store.Tx, p deadlineJob) error {
	c, err := Get(ctx, tx, p.WorkspaceID, p.CaseID)
	if err != nil {
		return err
	}
	ws, err := workspaceIn(ctx, tx, p.WorkspaceID)
	if err != nil {
		return err
	}
	set, err := EnsureSettings(ctx, tx, ws)
	if err != nil {
		return err
	}
	body := fmt.Sprintf("The %s deadline passed; priority raised to %s and the team lead alerted.",
		deadlineName(p.Deadline), c.Priority)
	if _, err := addNote(ctx, tx, c, "system", "system", body); err != nil {
		return err
	}
	if err := alertCase(ctx, tx, ws, &set, c, "escalated", "lead"); err != nil {
		return err
	}
	return audit.Record(ctx, tx, p.WorkspaceID, "system", "case.escalate", caseSubject(c.ID),
		map[string]any{"deadline": p.Deadline, "priority": c.Priority})
}

func deadlineName(d string) string {
	if d == FirstResponse {
		return "first response"
	}
	return "resolution"
}

// workspaceIn reads a workspace inside tx.
func workspaceIn(ctx context.Context, tx *store.Tx, id int64) (*workspace.Workspace, error) {
	var w workspace.Workspace
	err := tx.QueryRow(ctx, `SELECT id, name, slug, language, timezone, region FROM workspaces WHERE id = ?`, id).
		Scan(&w.ID, &w.Name, &w.Slug, &w.Language, &w.Timezone, &w.Region)
	if err != nil {
		return nil, errs.E("loop.workspace", errs.NotExist, "workspace %d does not exist", id)
	}
	return &w, nil
}

func parseJob(j timer.Job, v any) error {
	if err := json.Unmarshal(j.Payload, v); err != nil {
		return timer.Permanent(fmt.Errorf("job %d: bad payload: %w", j.ID, err))
	}
	return nil
}
