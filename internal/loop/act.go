package loop

import (
	"context"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// maxDepth bounds how many case triggers one trigger may chain. Saved
// rules cannot loop; this guards against rules saved before a change to
// the loop check.
const maxDepth = 4

// run carries out the actions of the rules one trigger matched.
type run struct {
	tx         *store.Tx
	ws         *workspace.Workspace
	customerID int64
	rules      []rules.Rule
	src        source
	opened     []*Case
	touched    []*Case // cases this trigger opened or found open again
}

func (r *run) apply(ctx context.Context, f *rules.Facts, depth int) error {
	if depth > maxDepth {
		return errs.E("loop.run", errs.Conflict, "loop rules chained more than %d cases deep; check the rules", maxDepth)
	}
	for i := range r.rules {
		rule := &r.rules[i]
		ok, err := rules.Match(rule, f)
		if err != nil {
			return errs.Wrap("loop.run", err)
		}
		if !ok {
			continue
		}
		for j := range rule.Then {
			if err := r.act(ctx, rule, &rule.Then[j], f, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *run) act(ctx context.Context, rule *rules.Rule, a *rules.Action, f *rules.Facts, depth int) error {
	switch a.Kind {
	case rules.OpenCase:
		return r.open(ctx, rule, a, f, depth)
	case rules.RaisePriority:
		return r.raise(ctx, a)
	case rules.Notify:
		return r.notify(ctx, a)
	}
	return nil // kinds for programs only; a loop rule never saves one
}

func (r *run) open(ctx context.Context, rule *rules.Rule, a *rules.Action, f *rules.Facts, depth int) error {
	o := &Opening{CustomerID: r.customerID, Reason: a.Reason, Title: a.Title, Priority: a.Priority,
		Touchpoint: f.Touchpoint, Channel: f.Channel, RuleID: &rule.ID, SourceKind: r.src.kind,
		Metric: r.src.metric, ScoreBefore: r.src.score}
	if r.src.id != 0 {
		o.SourceID = &r.src.id
	}
	if a.Team != "" {
		id, err := teamByName(ctx, r.tx, r.ws.ID, a.Team)
		if err != nil {
			return err
		}
		if id != 0 {
			o.TeamID = &id
		}
	}
	c, created, err := Open(ctx, r.tx, r.ws, fmt.Sprintf("rule:%d", rule.ID), o)
	if err != nil {
		return err
	}
	r.touched = append(r.touched, c)
	if !created {
		return nil
	}
	r.opened = append(r.opened, c)
	next := *f
	next.Trigger, next.Reason = rules.OnCase, c.Reason
	return r.apply(ctx, &next, depth+1)
}

// targets are the cases an action after open_case works on: those this
// trigger opened or found, or else the customer's open cases.
func (r *run) targets(ctx context.Context) ([]*Case, error) {
	if len(r.touched) > 0 {
		return r.touched, nil
	}
	rows, err := r.tx.Query(ctx, `SELECT `+caseColumns+` FROM cases WHERE workspace_id = ? AND customer_id = ?
		AND status NOT IN ('resolved', 'closed') ORDER BY id`, r.ws.ID, r.customerID)
	if err != nil {
		return nil, errs.Wrap("loop.targets", err)
	}
	defer rows.Close()
	var out []*Case
	for rows.Next() {
		c, err := scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (r *run) raise(ctx context.Context, a *rules.Action) error {
	cases, err := r.targets(ctx)
	if err != nil {
		return err
	}
	for _, c := range cases {
		p := min(rules.PriorityIndex(c.Priority)+1, 3)
		if a.Priority != "" {
			p = max(rules.PriorityIndex(c.Priority), rules.PriorityIndex(a.Priority))
		}
		if _, err := r.tx.Exec(ctx, `UPDATE cases SET priority = ?, updated_at = ? WHERE id = ?`, p, store.Millis(r.tx.Now), c.ID); err != nil {
			return errs.Wrap("loop.raise", err)
		}
		c.Priority = rules.Priorities[p]
	}
	return nil
}

func (r *run) notify(ctx context.Context, a *rules.Action) error {
	cases, err := r.targets(ctx)
	if err != nil {
		return err
	}
	set, err := EnsureSettings(ctx, r.tx, r.ws)
	if err != nil {
		return err
	}
	for _, c := range cases {
		if err := alertCase(ctx, r.tx, r.ws, &set, c, "notify", a.To); err != nil {
			return err
		}
	}
	return nil
}
