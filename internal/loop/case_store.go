package loop

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
)

const caseColumns = `id, workspace_id, customer_id, reason, title, rule_id, status, priority, team_id, owner_id,
	touchpoint, channel, source_kind, source_id, metric, score_before, score_after, root_cause, resolution,
	first_response_due, resolution_due, first_response_at, resolved_at, closed_at, escalations, deadline_gen,
	created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanCase(row scanner) (*Case, error) {
	c := &Case{}
	var prio int
	var frDue, resDue, created, updated int64
	var frAt, resAt, closedAt *int64
	err := row.Scan(&c.ID, &c.WorkspaceID, &c.CustomerID, &c.Reason, &c.Title, &c.RuleID, &c.Status, &prio,
		&c.TeamID, &c.OwnerID, &c.Touchpoint, &c.Channel, &c.SourceKind, &c.SourceID, &c.Metric, &c.ScoreBefore,
		&c.ScoreAfter, &c.RootCause, &c.Resolution, &frDue, &resDue, &frAt, &resAt, &closedAt, &c.escalations,
		&c.gen, &created, &updated)
	if err != nil {
		return nil, err
	}
	c.Priority = rules.Priorities[prio]
	c.FirstResponseDue, c.ResolutionDue = store.Time(frDue), store.Time(resDue)
	c.FirstResponseAt, c.ResolvedAt, c.ClosedAt = timePtr(frAt), timePtr(resAt), timePtr(closedAt)
	c.CreatedAt, c.UpdatedAt = store.Time(created), store.Time(updated)
	c.Escalated = []string{}
	for _, d := range []string{FirstResponse, Resolution} {
		if c.escalations&deadlineBit[d] != 0 {
			c.Escalated = append(c.Escalated, d)
		}
	}
	return c, nil
}

// Get returns case id of the workspace.
func Get(ctx context.Context, q queryer, wsID, id int64) (*Case, error) {
	c, err := scanCase(q.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = ? AND workspace_id = ?`, id, wsID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E("loop.Get", errs.NotExist, "case %d does not exist", id)
	}
	return c, errs.Wrap("loop.Get", err)
}

// Filter narrows a case list; zero fields do not filter.
type Filter struct {
	Status     []string
	TeamID     int64
	OwnerID    int64
	CustomerID int64
	Priority   string
	Reason     string
	Touchpoint string
	Overdue    bool // a deadline passed and the case is not resolved
	Cursor     string
	Limit      int
}

// List returns the workspace's cases, newest first, and the cursor of the
// next page ("" at the end).
func List(ctx context.Context, db *store.DB, wsID int64, f Filter) ([]*Case, string, error) {
	const op = "loop.List"
	where, args, err := f.where(wsID, db.Now())
	if err != nil {
		return nil, "", err
	}
	rows, err := db.Query(ctx, `SELECT `+caseColumns+` FROM cases WHERE `+where+` ORDER BY id DESC LIMIT ?`, append(args, f.Limit+1)...)
	if err != nil {
		return nil, "", errs.Wrap(op, err)
	}
	defer rows.Close()
	out := []*Case{}
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, "", errs.Wrap(op, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, "", errs.Wrap(op, err)
	}
	if len(out) <= f.Limit {
		return out, "", nil
	}
	out = out[:f.Limit]
	return out, encodeCursor(out[len(out)-1].ID), nil
}

func (f *Filter) where(wsID int64, now interface{ UnixMilli() int64 }) (string, []any, error) {
	conds, args := []string{"workspace_id = ?"}, []any{wsID}
	add := func(cond string, v any) { conds, args = append(conds, cond), append(args, v) }
	if len(f.Status) > 0 {
		marks := make([]string, len(f.Status))
		for i, s := range f.Status {
			if indexOf(Statuses, s) < 0 {
				return "", nil, errs.Field("loop.List", "status", "status must be one of %s, not %q", strings.Join(Statuses, ", "), s)
			}
			marks[i], args = "?", append(args, s)
		}
		conds = append(conds, "status IN ("+strings.Join(marks, ",")+")")
	}
	if f.Priority != "" {
		p := rules.PriorityIndex(f.Priority)
		if p < 0 {
			return "", nil, errs.Field("loop.List", "priority", "priority must be low, normal, high or urgent, not %q", f.Priority)
		}
		add("priority = ?", p)
	}
	for _, o := range []struct {
		cond string
		v    int64
	}{{"team_id = ?", f.TeamID}, {"owner_id = ?", f.OwnerID}, {"customer_id = ?", f.CustomerID}} {
		if o.v != 0 {
			add(o.cond, o.v)
		}
	}
	if f.Reason != "" {
		add("reason = ?", f.Reason)
	}
	if f.Touchpoint != "" {
		add("touchpoint = ?", f.Touchpoint)
	}
	if f.Overdue {
		n := now.UnixMilli()
		conds = append(conds, "status NOT IN ('resolved', 'closed') AND (resolution_due < ? OR (first_response_at IS NULL AND first_response_due < ?))")
		args = append(args, n, n)
	}
	if f.Cursor != "" {
		id, err := decodeCursor(f.Cursor)
		if err != nil {
			return "", nil, err
		}
		add("id < ?", id)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	return strings.Join(conds, " AND "), args, nil
}

func encodeCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("case:" + strconv.FormatInt(id, 10)))
}

func decodeCursor(s string) (int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	rest, ok := strings.CutPrefix(string(raw), "case:")
	id, perr := strconv.ParseInt(rest, 10, 64)
	if err != nil || !ok || perr != nil {
		return 0, errs.Field("loop.List", "cursor", "the cursor is not one this server gave out")
	}
	return id, nil
}
