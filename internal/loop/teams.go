package loop

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Team is a group of workspace members who share cases; the lead is told
// when a case escalates.
type Team struct {
	ID         int64     `json:"id"`
	Name       string    `json:"name"`
	LeadID     *int64    `json:"lead_id"`
	Members    []int64   `json:"members"`
	WebhookURL string    `json:"webhook_url"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

func (t *Team) check(ctx context.Context, tx *store.Tx, wsID int64) error {
	const op = "loop.Team"
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" || utf8.RuneCountInString(t.Name) > 80 {
		return errs.Field(op, "name", "a team needs a name of 1 to 80 characters")
	}
	if err := checkWebhookURL(op, "webhook_url", t.WebhookURL); err != nil {
		return err
	}
	for _, u := range t.Members {
		if err := member(ctx, tx, wsID, u, "members"); err != nil {
			return err
		}
	}
	if t.LeadID != nil {
		return member(ctx, tx, wsID, *t.LeadID, "lead_id")
	}
	return nil
}

// member checks that userID belongs to the workspace.
func member(ctx context.Context, tx *store.Tx, wsID, userID int64, field string) error {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE workspace_id = ? AND user_id = ?`, wsID, userID).Scan(&n)
	if err != nil {
		return errs.Wrap("loop.member", err)
	}
	if n == 0 {
		return errs.Field("loop.member", field, "user %d is not a member of this workspace", userID)
	}
	return nil
}

// SaveTeam creates the team (ID 0) or replaces its name, lead, members and
// webhook.
func SaveTeam(ctx context.Context, tx *store.Tx, wsID int64, actor string, t *Team) error {
	const op = "loop.SaveTeam"
	if err := t.check(ctx, tx, wsID); err != nil {
		return err
	}
	now := store.Millis(tx.Now)
	var err error
	if t.ID == 0 {
		err = tx.QueryRow(ctx, `INSERT INTO teams (workspace_id, name, lead_user_id, webhook_url, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id`,
			wsID, t.Name, t.LeadID, t.WebhookURL, now, now).Scan(&t.ID)
	} else {
		err = tx.QueryRow(ctx, `UPDATE teams SET name = ?, lead_user_id = ?, webhook_url = ?, updated_at = ?
			WHERE id = ? AND workspace_id = ? RETURNING id`, t.Name, t.LeadID, t.WebhookURL, now, t.ID, wsID).Scan(&t.ID)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(op, errs.Exist, "a team named %q already exists, or team %d does not", t.Name, t.ID)
	}
	if err != nil {
		return uniqueName(op, t.Name, err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM team_members WHERE team_id = ?`, t.ID); err != nil {
		return errs.Wrap(op, err)
	}
	for _, u := range t.Members {
		if _, err := tx.Exec(ctx, `INSERT INTO team_members (team_id, user_id, workspace_id) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING`, t.ID, u, wsID); err != nil {
			return errs.Wrap(op, err)
		}
	}
	return audit.Record(ctx, tx, wsID, actor, "team.save", teamSubject(t.ID), t)
}

// uniqueName turns a renamed team's clash into a clear error.
func uniqueName(op, name string, err error) error {
	if strings.Contains(strings.ToLower(err.Error()), "unique") {
		return &errs.Error{Op: op, Kind: errs.Exist, Field: "name", Msg: "a team named " + name + " already exists"}
	}
	return errs.Wrap(op, err)
}

func teamSubject(id int64) string { return "team:" + itoa(id) }

// DeleteTeam removes a team; its cases keep their owners and lose the team.
func DeleteTeam(ctx context.Context, tx *store.Tx, wsID int64, actor string, id int64) error {
	res, err := tx.Exec(ctx, `DELETE FROM teams WHERE id = ? AND workspace_id = ?`, id, wsID)
	if err != nil {
		return errs.Wrap("loop.DeleteTeam", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E("loop.DeleteTeam", errs.NotExist, "team %d does not exist", id)
	}
	return audit.Record(ctx, tx, wsID, actor, "team.delete", teamSubject(id), nil)
}

// Teams lists the workspace's teams by name, with their members.
func Teams(ctx context.Context, q queryer, wsID int64) ([]Team, error) {
	rows, err := q.Query(ctx, `SELECT id, name, lead_user_id, webhook_url, created_at, updated_at FROM teams
		WHERE workspace_id = ? ORDER BY name, id`, wsID)
	if err != nil {
		return nil, errs.Wrap("loop.Teams", err)
	}
	out := []Team{}
	for rows.Next() {
		var t Team
		var c, u int64
		if err := rows.Scan(&t.ID, &t.Name, &t.LeadID, &t.WebhookURL, &c, &u); err != nil {
			rows.Close()
			return nil, errs.Wrap("loop.Teams", err)
		}
		t.CreatedAt, t.UpdatedAt = store.Time(c), store.Time(u)
		out = append(out, t)
	}
	rows.Close()
	for i := range out {
		if out[i].Members, err = teamMembers(ctx, q, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, errs.Wrap("loop.Teams", rows.Err())
}

// GetTeam returns one team of the workspace.
func GetTeam(ctx context.Context, q queryer, wsID, id int64) (*Team, error) {
	all, err := Teams(ctx, q, wsID)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].ID == id {
			return &all[i], nil
		}
	}
	return nil, errs.E("loop.GetTeam", errs.NotExist, "team %d does not exist", id)
}

func teamMembers(ctx context.Context, q queryer, teamID int64) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id`, teamID)
	if err != nil {
		return nil, errs.Wrap("loop.teamMembers", err)
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// nextOwner picks the team's next member in turn: a counter on the team row,
// bumped in the same transaction, so nodes assigning at once take turns.
func nextOwner(ctx context.Context, tx *store.Tx, teamID int64) (*int64, error) {
	members, err := teamMembers(ctx, tx, teamID)
	if err != nil || len(members) == 0 {
		return nil, err
	}
	var turn int64
	err = tx.QueryRow(ctx, `UPDATE teams SET rr_next = rr_next + 1 WHERE id = ? RETURNING rr_next`, teamID).Scan(&turn)
	if err != nil {
		return nil, errs.Wrap("loop.nextOwner", err)
	}
	owner := members[(turn-1)%int64(len(members))]
	return &owner, nil
}

// teamByName finds a team id by name; 0 when there is none.
func teamByName(ctx context.Context, tx *store.Tx, wsID int64, name string) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM teams WHERE workspace_id = ? AND name = ?`, wsID, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, errs.Wrap("loop.teamByName", err)
}
