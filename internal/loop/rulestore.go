package loop

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
)

// SaveRule validates a loop rule against the workspace's teams and other
// rules (refusing rules that can never match or that loop) and stores it:
// a new one when r.ID is 0, otherwise in place of rule r.ID.
func SaveRule(ctx context.Context, tx *store.Tx, wsID int64, actor string, r *rules.Rule) error {
	const op = "loop.SaveRule"
	env, err := ruleEnv(ctx, tx, wsID)
	if err != nil {
		return err
	}
	if err := rules.Validate(r, env); err != nil {
		return err
	}
	body, _ := json.Marshal(r)
	now := store.Millis(tx.Now)
	if r.ID == 0 {
		err = tx.QueryRow(ctx, `INSERT INTO loop_rules (workspace_id, name, enabled, body, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, wsID, r.Name, r.Enabled, string(body), now, now).Scan(&r.ID)
	} else {
		var res interface{ RowsAffected() (int64, error) }
		res, err = tx.Exec(ctx, `UPDATE loop_rules SET name = ?, enabled = ?, body = ?, updated_at = ? WHERE id = ? AND workspace_id = ?`,
			r.Name, r.Enabled, string(body), now, r.ID, wsID)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return errs.E(op, errs.NotExist, "rule %d does not exist", r.ID)
			}
		}
	}
	if err != nil {
		if strings.Contains(strings.ToLower(err.Error()), "unique") {
			return &errs.Error{Op: op, Kind: errs.Exist, Field: "name", Msg: "a rule named " + r.Name + " already exists"}
		}
		return errs.Wrap(op, err)
	}
	return audit.Record(ctx, tx, wsID, actor, "loop_rule.save", "loop_rule:"+itoa(r.ID), r)
}

func ruleEnv(ctx context.Context, tx *store.Tx, wsID int64) (*rules.Env, error) {
	teams, err := Teams(ctx, tx, wsID)
	if err != nil {
		return nil, err
	}
	env := &rules.Env{Teams: map[string]bool{}}
	for _, t := range teams {
		env.Teams[t.Name] = true
	}
	env.Rules, err = Rules(ctx, tx, wsID)
	return env, err
}

// Rules lists the workspace's loop rules in the order they run.
func Rules(ctx context.Context, q queryer, wsID int64) ([]rules.Rule, error) {
	rows, err := q.Query(ctx, `SELECT id, body FROM loop_rules WHERE workspace_id = ? ORDER BY position, id`, wsID)
	if err != nil {
		return nil, errs.Wrap("loop.Rules", err)
	}
	defer rows.Close()
	out := []rules.Rule{}
	for rows.Next() {
		var id int64
		var body []byte
		if err := rows.Scan(&id, &body); err != nil {
			return nil, errs.Wrap("loop.Rules", err)
		}
		var r rules.Rule
		if err := json.Unmarshal(body, &r); err != nil {
			return nil, errs.Wrap("loop.Rules", err)
		}
		r.ID = id
		out = append(out, r)
	}
	return out, rows.Err()
}

// GetRule returns one loop rule.
func GetRule(ctx context.Context, q queryer, wsID, id int64) (*rules.Rule, error) {
	all, err := Rules(ctx, q, wsID)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].ID == id {
			return &all[i], nil
		}
	}
	return nil, errs.E("loop.GetRule", errs.NotExist, "rule %d does not exist", id)
}

// DeleteRule removes a loop rule; the cases it opened stay.
func DeleteRule(ctx context.Context, tx *store.Tx, wsID int64, actor string, id int64) error {
	res, err := tx.Exec(ctx, `DELETE FROM loop_rules WHERE id = ? AND workspace_id = ?`, id, wsID)
	if err != nil {
		return errs.Wrap("loop.DeleteRule", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E("loop.DeleteRule", errs.NotExist, "rule %d does not exist", id)
	}
	return audit.Record(ctx, tx, wsID, actor, "loop_rule.delete", "loop_rule:"+itoa(id), nil)
}
