package auth

import (
	"context"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Membership is a user's place in one workspace.
type Membership struct {
	WorkspaceID   int64
	WorkspaceName string
	User          User
	Role          Role
	Since         time.Time
}

// Memberships lists the workspaces userID belongs to, by name.
func Memberships(ctx context.Context, db *store.DB, userID int64) ([]Membership, error) {
	return members(ctx, db, `SELECT m.workspace_id, w.name, u.id, u.email, u.name, m.role, m.created_at
		FROM memberships m JOIN workspaces w ON w.id = m.workspace_id JOIN users u ON u.id = m.user_id
		WHERE m.user_id = ? ORDER BY w.name, w.id`, userID)
}

// Members lists the people of workspaceID, by e-mail.
func Members(ctx context.Context, db *store.DB, workspaceID int64) ([]Membership, error) {
	return members(ctx, db, `SELECT m.workspace_id, w.name, u.id, u.email, u.name, m.role, m.created_at
		FROM memberships m JOIN workspaces w ON w.id = m.workspace_id JOIN users u ON u.id = m.user_id
		WHERE m.workspace_id = ? ORDER BY u.email`, workspaceID)
}

func members(ctx context.Context, db *store.DB, query string, arg int64) ([]Membership, error) {
	rows, err := db.Query(ctx, query, arg)
	if err != nil {
		return nil, errs.Wrap("auth.Members", err)
	}
	defer rows.Close()
	out := []Membership{}
	for rows.Next() {
		var m Membership
		var role string
		var since int64
		if err := rows.Scan(&m.WorkspaceID, &m.WorkspaceName, &m.User.ID, &m.User.Email, &m.User.Name, &role, &since); err != nil {
			return nil, errs.Wrap("auth.Members", err)
		}
		m.Role, m.Since = Role(role), store.Time(since)
		out = append(out, m)
	}
	return out, errs.Wrap("auth.Members", rows.Err())
}

// SetRole changes the role of member userID in workspaceID. It refuses
// (Conflict) to leave a workspace without an owner, and a user who is not a
// member is NotExist.
func SetRole(ctx context.Context, tx *store.Tx, workspaceID, userID int64, role Role) error {
	const op = "auth.SetRole"
	if !role.Valid() {
		return errs.Field(op, "role", "unknown role %q", role)
	}
	res, err := tx.Exec(ctx, `UPDATE memberships SET role = ? WHERE workspace_id = ? AND user_id = ?`, string(role), workspaceID, userID)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(op, errs.NotExist, "user %d is not a member of this workspace", userID)
	}
	var owners int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE workspace_id = ? AND role = 'owner'`, workspaceID).Scan(&owners); err != nil {
		return errs.Wrap(op, err)
	}
	if owners == 0 {
		return errs.E(op, errs.Conflict, "a workspace needs at least one owner")
	}
	return nil
}

// RoleOf returns the role of userID in workspaceID; NotExist when the user
// is not a member.
func RoleOf(ctx context.Context, db *store.DB, workspaceID, userID int64) (Role, error) {
	var role string
	err := db.QueryRow(ctx, `SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?`, workspaceID, userID).Scan(&role)
	if err != nil {
		return "", errs.E("auth.RoleOf", errs.NotExist, "user %d is not a member of this workspace", userID)
	}
	return Role(role), nil
}

// ListKeys lists workspaceID's API keys, newest first, revoked ones too.
func ListKeys(ctx context.Context, db *store.DB, workspaceID int64) ([]KeyInfo, error) {
	rows, err := db.Query(ctx, `SELECT id, kind, name, prefix, created_at, revoked_at FROM api_keys
		WHERE workspace_id = ? ORDER BY id DESC`, workspaceID)
	if err != nil {
		return nil, errs.Wrap("auth.ListKeys", err)
	}
	defer rows.Close()
	out := []KeyInfo{}
	for rows.Next() {
		k := KeyInfo{Key: Key{WorkspaceID: workspaceID}}
		var kind string
		var created int64
		var revoked *int64
		if err := rows.Scan(&k.ID, &kind, &k.Name, &k.Prefix, &created, &revoked); err != nil {
			return nil, errs.Wrap("auth.ListKeys", err)
		}
		k.Kind, k.CreatedAt = KeyKind(kind), store.Time(created)
		if revoked != nil {
			t := store.Time(*revoked)
			k.RevokedAt = &t
		}
		out = append(out, k)
	}
	return out, errs.Wrap("auth.ListKeys", rows.Err())
}

// KeyInfo is a key as its workspace's admins see it in a list.
type KeyInfo struct {
	Key
	CreatedAt time.Time
	RevokedAt *time.Time
}

// Join makes the existing user with email a member of workspaceID with
// role. Someone who is a member already is Exist: their role changes only
// through SetRole, so an invitation cannot demote or promote anyone.
func Join(ctx context.Context, tx *store.Tx, email string, workspaceID int64, role Role) (*User, error) {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.workspace_id = ? AND u.email = ?`, workspaceID, strings.ToLower(strings.TrimSpace(email))).Scan(&n); err != nil {
		return nil, errs.Wrap("auth.Join", err)
	}
	if n > 0 {
		return nil, &errs.Error{Op: "auth.Join", Kind: errs.Exist, Field: "email", Msg: email + " is a member already"}
	}
	return AddMember(ctx, tx, email, workspaceID, role)
}
