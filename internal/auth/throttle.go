package auth

import (
	"context"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Sign-in throttling: failures are counted in the database, so an attacker
// gains nothing by spreading guesses over several nodes.
const (
	ThrottleWindow   = 15 * time.Minute
	MaxEmailFailures = 5  // per e-mail address in ThrottleWindow
	MaxIPFailures    = 30 // per client address in ThrottleWindow
)

// SignIn checks email and password like Authenticate, but first refuses
// (RateLimited) when the e-mail or the client address ip failed too often
// in the last ThrottleWindow, and records each failure under both.
func SignIn(ctx context.Context, db *store.DB, email, password, ip string) (*User, error) {
	const op = "auth.SignIn"
	email = strings.ToLower(strings.TrimSpace(email))
	if err := checkThrottle(ctx, db, email, ip); err != nil {
		return nil, err
	}
	u, err := Authenticate(ctx, db, email, password)
	if errs.Is(err, errs.Unauthenticated) {
		if rerr := recordFailure(ctx, db, email, ip); rerr != nil {
			return nil, errs.Wrap(op, rerr)
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	_, err = db.Exec(ctx, `DELETE FROM login_failures WHERE scope = 'email' AND subject = ?`, email)
	return u, errs.Wrap(op, err)
}

func checkThrottle(ctx context.Context, db *store.DB, email, ip string) error {
	since := store.Millis(db.Now().Add(-ThrottleWindow))
	var byEmail, byIP int
	err := db.QueryRow(ctx, `SELECT
		COALESCE(SUM(CASE WHEN scope = 'email' AND subject = ? THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN scope = 'ip' AND subject = ? THEN 1 ELSE 0 END), 0)
		FROM login_failures WHERE ((scope = 'email' AND subject = ?) OR (scope = 'ip' AND subject = ?)) AND at > ?`,
		email, ip, email, ip, since).Scan(&byEmail, &byIP)
	if err != nil {
		return errs.Wrap("auth.SignIn", err)
	}
	if byEmail >= MaxEmailFailures || byIP >= MaxIPFailures {
		return errs.E("auth.SignIn", errs.RateLimited, "too many failed sign-ins; wait %d minutes and try again",
			int(ThrottleWindow/time.Minute))
	}
	return nil
}

func recordFailure(ctx context.Context, db *store.DB, email, ip string) error {
	now := db.Now()
	_, err := db.Exec(ctx, `INSERT INTO login_failures (scope, subject, at) VALUES ('email', ?, ?), ('ip', ?, ?)`,
		email, store.Millis(now), ip, store.Millis(now))
	if err != nil {
		return err
	}
	_, err = db.Exec(ctx, `DELETE FROM login_failures WHERE at < ?`, store.Millis(now.Add(-ThrottleWindow)))
	return err
}
