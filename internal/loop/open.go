package loop

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Opening says what case to open.
type Opening struct {
	CustomerID  int64  `json:"customer_id"`
	Reason      string `json:"reason"`
	Title       string `json:"title"`
	Priority    string `json:"priority"` // default normal
	TeamID      *int64 `json:"team_id"`  // with no owner, a member of the team in turn
	OwnerID     *int64 `json:"owner_id"`
	Touchpoint  string `json:"touchpoint"`
	Channel     string `json:"channel"`
	RuleID      *int64 `json:"-"`
	SourceKind  string `json:"-"`
	SourceID    *int64 `json:"-"`
	Metric      string `json:"-"`
	ScoreBefore *int   `json:"-"`
}

func (o *Opening) check() error {
	const op = "loop.Open"
	o.Reason = strings.TrimSpace(o.Reason)
	if o.Reason == "" || utf8.RuneCountInString(o.Reason) > 80 {
		return errs.Field(op, "reason", "a case needs a reason of 1 to 80 characters")
	}
	if utf8.RuneCountInString(o.Title) > 200 {
		return errs.Field(op, "title", "the title must be at most 200 characters")
	}
	if o.Priority == "" {
		o.Priority = "normal"
	}
	if rules.PriorityIndex(o.Priority) < 0 {
		return errs.Field(op, "priority", "priority must be low, normal, high or urgent, not %q", o.Priority)
	}
	if o.SourceKind == "" {
		o.SourceKind = "manual"
	}
	return nil
}

// Open opens a case in tx, with its deadlines, escalation timers and new-case
// alerts, or, when the customer already has an open case for the reason,
// notes the repeat on that case and returns it with created false.
func Open(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, actor string, o *Opening) (*Case, bool, error) {
	const op = "loop.Open"
	if err := o.check(); err != nil {
		return nil, false, err
	}
	if err := customerIn(ctx, tx, ws.ID, o.CustomerID); err != nil {
		return nil, false, err
	}
	set, err := EnsureSettings(ctx, tx, ws)
	if err != nil {
		return nil, false, err
	}
	var open int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM cases WHERE workspace_id = ? AND customer_id = ? AND reason = ?
		AND status <> 'closed'`, ws.ID, o.CustomerID, o.Reason).Scan(&open); err != nil {
		return nil, false, errs.Wrap(op, err)
	}
	if open > 0 {
		return repeat(ctx, tx, ws.ID, actor, o) // before assigning, so a repeat takes no one's turn
	}
	if err := o.assignee(ctx, tx, ws.ID); err != nil {
		return nil, false, err
	}
	id, err := insertCase(ctx, tx, ws.ID, o, &set)
	if errors.Is(err, sql.ErrNoRows) {
		return repeat(ctx, tx, ws.ID, actor, o)
	}
	if err != nil {
		return nil, false, errs.Wrap(op, err)
	}
	c, err := Get(ctx, tx, ws.ID, id)
	if err != nil {
		return nil, false, err
	}
	if err := scheduleDeadlines(ctx, tx, c); err != nil {
		return nil, false, err
	}
	if err := alertCase(ctx, tx, ws, &set, c, "opened", "owner"); err != nil {
		return nil, false, err
	}
	return c, true, audit.Record(ctx, tx, ws.ID, actor, "case.open", caseSubject(c.ID), o)
}

// assignee checks a chosen owner and team, or picks the team's next member.
func (o *Opening) assignee(ctx context.Context, tx *store.Tx, wsID int64) error {
	if o.OwnerID != nil {
		if err := member(ctx, tx, wsID, *o.OwnerID, "owner_id"); err != nil {
			return err
		}
	}
	if o.TeamID == nil {
		return nil
	}
	if _, err := GetTeam(ctx, tx, wsID, *o.TeamID); err != nil {
		return errs.Field("loop.Open", "team_id", "team %d does not exist in this workspace", *o.TeamID)
	}
	if o.OwnerID != nil {
		return nil
	}
	owner, err := nextOwner(ctx, tx, *o.TeamID)
	o.OwnerID = owner
	return err
}

func insertCase(ctx context.Context, tx *store.Tx, wsID int64, o *Opening, set *Settings) (int64, error) {
	first, resolve, err := set.deadlines(tx.Now)
	if err != nil {
		return 0, err
	}
	now := store.Millis(tx.Now)
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO cases (workspace_id, customer_id, reason, title, rule_id, priority, team_id, owner_id,
		touchpoint, channel, source_kind, source_id, metric, score_before, first_response_due, resolution_due,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workspace_id, customer_id, reason) WHERE status <> 'closed' DO NOTHING RETURNING id`,
		wsID, o.CustomerID, o.Reason, o.Title, o.RuleID, rules.PriorityIndex(o.Priority), o.TeamID, o.OwnerID,
		o.Touchpoint, o.Channel, o.SourceKind, o.SourceID, o.Metric, o.ScoreBefore,
		store.Millis(first), store.Millis(resolve), now, now).Scan(&id)
	return id, err
}

// repeat records another trigger on the open case for the same reason.
func repeat(ctx context.Context, tx *store.Tx, wsID int64, actor string, o *Opening) (*Case, bool, error) {
	c, err := scanCase(tx.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE workspace_id = ? AND customer_id = ?
		AND reason = ? AND status <> 'closed'`, wsID, o.CustomerID, o.Reason))
	if err != nil {
		return nil, false, errs.Wrap("loop.Open", err)
	}
	if o.SourceID != nil && c.SourceID != nil && *c.SourceID == *o.SourceID && c.SourceKind == o.SourceKind {
		return c, false, nil // the same response seen again (its next page, its comment): nothing new to note
	}
	body := "Triggered again"
	if o.SourceKind != "manual" {
		body += " by " + o.SourceKind
		if o.SourceID != nil {
			body += " " + itoa(*o.SourceID)
		}
	}
	if _, err := addNote(ctx, tx, c, "system", actor, body); err != nil {
		return nil, false, err
	}
	return c, false, nil
}

func customerIn(ctx context.Context, tx *store.Tx, wsID, customerID int64) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM customers WHERE id = ? AND workspace_id = ?`, customerID, wsID).Scan(&n); err != nil {
		return errs.Wrap("loop.Open", err)
	}
	if n == 0 {
		return errs.Field("loop.Open", "customer_id", "customer %d does not exist in this workspace", customerID)
	}
	return nil
}

func caseSubject(id int64) string { return "case:" + itoa(id) }
