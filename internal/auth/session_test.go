package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// setup makes two workspaces and a user who is an analyst in the first only.
func setup(t *testing.T, db *store.DB) (ws1, ws2 int64, u *auth.User) {
	t.Helper()
	ctx := context.Background()
	u = &auth.User{Email: "sara@example.com", Name: "سارا"}
	err := db.InTx(ctx, func(tx *store.Tx) error {
		a, b := workspace.Workspace{Name: "آریا"}, workspace.Workspace{Name: "Napoli", Language: "en"}
		if err := workspace.Create(ctx, tx, &a); err != nil {
			return err
		}
		if err := workspace.Create(ctx, tx, &b); err != nil {
			return err
		}
		ws1, ws2 = a.ID, b.ID
		return auth.CreateUser(ctx, tx, u, "long enough password", ws1, auth.Analyst)
	})
	if err != nil {
		t.Fatal(err)
	}
	return ws1, ws2, u
}

func TestSessionsLastSwitchAndEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		ws1, ws2, u := setup(t, db)
		if _, err := auth.StartSession(ctx, db, u.ID, ws2); err != nil {
			t.Fatal(err)
		}
		token, err := auth.StartSession(ctx, db, u.ID, ws1)
		if err != nil {
			t.Fatal(err)
		}
		s, err := auth.LookupSession(ctx, db, token)
		if err != nil || s.WorkspaceID != ws1 || s.Role != auth.Analyst || s.User.Name != "سارا" {
			t.Fatalf("LookupSession = %+v, %v", s, err)
		}
		var stored string
		db.QueryRow(ctx, "SELECT token_hash FROM sessions WHERE id = ?", s.ID).Scan(&stored)
		if stored == token {
			t.Fatal("session tokens must be stored hashed")
		}
		if err := auth.SwitchWorkspace(ctx, db, s, ws2); !errs.Is(err, errs.NotExist) {
			t.Fatalf("switch to a workspace the user is not in: %v", err)
		}
		now = now.Add(auth.SessionTTL * 3 / 4) // past half-life: extended
		if s, err = auth.LookupSession(ctx, db, token); err != nil || !s.ExpiresAt.Equal(now.Add(auth.SessionTTL)) {
			t.Fatalf("extended session = %+v, %v", s, err)
		}
		now = now.Add(auth.SessionTTL + time.Second)
		if _, err := auth.LookupSession(ctx, db, token); !errs.Is(err, errs.Unauthenticated) {
			t.Fatalf("expired session: %v", err)
		}
		now = now.Add(-auth.SessionTTL)
		if err := auth.EndSession(ctx, db, token); err != nil {
			t.Fatal(err)
		}
		if _, err := auth.LookupSession(ctx, db, token); !errs.Is(err, errs.Unauthenticated) {
			t.Fatalf("ended session: %v", err)
		}
	})
}

func TestSessionEndsWithMembership(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ws1, ws2, u := setup(t, db)
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := auth.AddMember(ctx, tx, u.Email, ws2, auth.Viewer)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		token, _ := auth.StartSession(ctx, db, u.ID, ws1)
		s, _ := auth.LookupSession(ctx, db, token)
		if err := auth.SwitchWorkspace(ctx, db, s, ws2); err != nil {
			t.Fatal(err)
		}
		if s, err = auth.LookupSession(ctx, db, token); err != nil || s.Role != auth.Viewer || s.WorkspaceID != ws2 {
			t.Fatalf("after switch: %+v, %v", s, err)
		}
		db.Exec(ctx, "DELETE FROM memberships WHERE user_id = ? AND workspace_id = ?", u.ID, ws2)
		if _, err := auth.LookupSession(ctx, db, token); !errs.Is(err, errs.Unauthenticated) {
			t.Fatalf("session outlived the membership: %v", err)
		}
		if _, err := auth.StartSession(ctx, db, u.ID, ws2); err != nil {
			t.Fatal(err) // inserts nothing: no membership
		}
		var n int
		db.QueryRow(ctx, "SELECT COUNT(*) FROM sessions WHERE workspace_id = ?", ws2).Scan(&n)
		if n != 1 { // only the switched one, now orphaned
			t.Fatalf("%d sessions in a workspace the user left", n)
		}
	})
}

func TestPreferences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ws1, _, u := setup(t, db)
		if err := auth.SavePreferences(ctx, db, u.ID, auth.Preferences{Language: "de"}); errs.FieldOf(err) != "language" {
			t.Fatalf("bad language: %v", err)
		}
		if err := auth.SavePreferences(ctx, db, u.ID, auth.Preferences{Calendar: "lunar"}); errs.FieldOf(err) != "calendar" {
			t.Fatalf("bad calendar: %v", err)
		}
		for _, p := range []auth.Preferences{{Language: "en"}, {Language: "fa", Calendar: "gregorian"}} {
			if err := auth.SavePreferences(ctx, db, u.ID, p); err != nil {
				t.Fatal(err)
			}
		}
		token, _ := auth.StartSession(ctx, db, u.ID, ws1)
		s, err := auth.LookupSession(ctx, db, token)
		if err != nil || s.Prefs != (auth.Preferences{Language: "fa", Calendar: "gregorian"}) {
			t.Fatalf("prefs = %+v, %v", s, err)
		}
	})
}
