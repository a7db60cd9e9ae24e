package auth

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// SessionTTL is how long a console session lasts without being used; each
// use past its half-life extends it by another SessionTTL.
const SessionTTL = 7 * 24 * time.Hour

// Session is a signed-in browser: who it is, the workspace it is looking
// at and the person's role there. Sessions live in the database so every
// node behind a load balancer honours them.
type Session struct {
	ID          int64
	User        User
	WorkspaceID int64
	Role        Role
	ExpiresAt   time.Time
	Prefs       Preferences
}

// StartSession records a new session for user in workspaceID, where the
// user must be a member, and returns the token to put in the cookie.
func StartSession(ctx context.Context, db *store.DB, userID, workspaceID int64) (string, error) {
	const op = "auth.StartSession"
	token := RandomToken(32)
	now := db.Now()
	_, err := db.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, workspace_id, created_at, expires_at)
		SELECT ?, user_id, workspace_id, ?, ? FROM memberships WHERE user_id = ? AND workspace_id = ?`,
		hashKey(token), store.Millis(now), store.Millis(now.Add(SessionTTL)), userID, workspaceID)
	if err != nil {
		return "", errs.Wrap(op, err)
	}
	return token, nil
}

// LookupSession returns the live session of token, extending it when past
// its half-life. An unknown, expired or orphaned session (the membership
// was removed) is Unauthenticated.
func LookupSession(ctx context.Context, db *store.DB, token string) (*Session, error) {
	const op = "auth.LookupSession"
	if token == "" {
		return nil, errs.E(op, errs.Unauthenticated, "not signed in")
	}
	now := db.Now()
	var s Session
	var role string
	var expires int64
	err := db.QueryRow(ctx, `SELECT s.id, s.workspace_id, s.expires_at, u.id, u.email, u.name, m.role,
		COALESCE(p.language, ''), COALESCE(p.calendar, '')
		FROM sessions s JOIN users u ON u.id = s.user_id
		JOIN memberships m ON m.user_id = s.user_id AND m.workspace_id = s.workspace_id
		LEFT JOIN user_preferences p ON p.user_id = s.user_id
		WHERE s.token_hash = ? AND s.expires_at > ?`, hashKey(token), store.Millis(now)).
		Scan(&s.ID, &s.WorkspaceID, &expires, &s.User.ID, &s.User.Email, &s.User.Name, &role,
			&s.Prefs.Language, &s.Prefs.Calendar)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E(op, errs.Unauthenticated, "the session has ended; sign in again")
	}
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	s.Role, s.ExpiresAt = Role(role), store.Time(expires)
	if s.ExpiresAt.Sub(now) < SessionTTL/2 {
		s.ExpiresAt = now.Add(SessionTTL)
		if _, err := db.Exec(ctx, `UPDATE sessions SET expires_at = ? WHERE id = ?`, store.Millis(s.ExpiresAt), s.ID); err != nil {
			return nil, errs.Wrap(op, err)
		}
	}
	return &s, nil
}

// SwitchWorkspace points the session at another workspace the user is a
// member of; any other workspace is NotExist, as if it were not there.
func SwitchWorkspace(ctx context.Context, db *store.DB, s *Session, workspaceID int64) error {
	const op = "auth.SwitchWorkspace"
	res, err := db.Exec(ctx, `UPDATE sessions SET workspace_id = ? WHERE id = ? AND EXISTS
		(SELECT 1 FROM memberships WHERE user_id = ? AND workspace_id = ?)`, workspaceID, s.ID, s.User.ID, workspaceID)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(op, errs.NotExist, "workspace %d does not exist", workspaceID)
	}
	s.WorkspaceID = workspaceID
	return nil
}

// EndSession signs the token's browser out. Ending an unknown session is
// not an error: the browser is signed out either way.
func EndSession(ctx context.Context, db *store.DB, token string) error {
	_, err := db.Exec(ctx, `DELETE FROM sessions WHERE token_hash = ? OR expires_at < ?`,
		hashKey(token), store.Millis(db.Now()))
	return errs.Wrap("auth.EndSession", err)
}
