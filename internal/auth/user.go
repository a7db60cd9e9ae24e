package auth

import (
	"context"
	"database/sql"
	"errors"
	"net/mail"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Role is what a member may do in a workspace.
type Role string

// The roles, from most to least powerful.
const (
	Owner    Role = "owner"
	Admin    Role = "admin"
	Analyst  Role = "analyst"
	Agent    Role = "agent"
	Marketer Role = "marketer"
	Viewer   Role = "viewer"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case Owner, Admin, Analyst, Agent, Marketer, Viewer:
		return true
	}
	return false
}

// User is a person who signs in to the console.
type User struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

// CreateUser stores a user with an argon2id hash of password and makes them
// a member of workspaceID with role.
func CreateUser(ctx context.Context, tx *store.Tx, u *User, password string, workspaceID int64, role Role) error {
	const op = "auth.CreateUser"
	addr, err := mail.ParseAddress(strings.TrimSpace(u.Email))
	if err != nil || addr.Name != "" {
		return errs.Field(op, "email", "%q is not an e-mail address", u.Email)
	}
	u.Email = strings.ToLower(addr.Address)
	if len(password) < 10 {
		return errs.Field(op, "password", "a password needs at least 10 characters")
	}
	if !role.Valid() {
		return errs.Field(op, "role", "unknown role %q", role)
	}
	err = tx.QueryRow(ctx, `INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (email) DO NOTHING RETURNING id`,
		u.Email, u.Name, HashPassword(password), store.Millis(tx.Now)).Scan(&u.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return &errs.Error{Op: op, Kind: errs.Exist, Field: "email", Msg: "a user with e-mail " + u.Email + " already exists"}
	}
	if err != nil {
		return errs.Wrap(op, err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)`,
		workspaceID, u.ID, string(role), store.Millis(tx.Now))
	return errs.Wrap(op, err)
}

// Authenticate checks an e-mail and password and returns the user.
func Authenticate(ctx context.Context, db *store.DB, email, password string) (*User, error) {
	const op = "auth.Authenticate"
	var u User
	var hash string
	err := db.QueryRow(ctx, `SELECT id, email, name, password_hash FROM users WHERE email = ?`,
		strings.ToLower(strings.TrimSpace(email))).Scan(&u.ID, &u.Email, &u.Name, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		CheckPassword(dummyHash, password) // same work either way, so timing does not reveal who exists
		return nil, errs.E(op, errs.Unauthenticated, "wrong e-mail or password")
	}
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	if !CheckPassword(hash, password) {
		return nil, errs.E(op, errs.Unauthenticated, "wrong e-mail or password")
	}
	return &u, nil
}

var dummyHash = HashPassword("not a real password")

// AddMember makes the existing user with email a member of workspaceID.
func AddMember(ctx context.Context, tx *store.Tx, email string, workspaceID int64, role Role) (*User, error) {
	const op = "auth.AddMember"
	if !role.Valid() {
		return nil, errs.Field(op, "role", "unknown role %q", role)
	}
	var u User
	err := tx.QueryRow(ctx, `SELECT id, email, name FROM users WHERE email = ?`, strings.ToLower(strings.TrimSpace(email))).
		Scan(&u.ID, &u.Email, &u.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(op, errs.NotExist, "no user has e-mail %s", email)
	}
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	_, err = tx.Exec(ctx, `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`, workspaceID, u.ID, string(role), store.Millis(tx.Now))
	return &u, errs.Wrap(op, err)
}
