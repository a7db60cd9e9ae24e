package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// TestSignInThrottleIsSharedByNodes fails sign-ins on one node and expects
// the other node, on the same database, to refuse even the right password.
func TestSignInThrottleIsSharedByNodes(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			ctx := context.Background()
			target := storetest.Target(t, d)
			now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
			var nodes [2]*store.DB
			for i := range nodes {
				db, err := store.Open(ctx, target, store.Options{Now: func() time.Time { return now }})
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				nodes[i] = db
			}
			_, _, u := setup(t, nodes[0])
			for i := 0; i < auth.MaxEmailFailures; i++ {
				if _, err := auth.SignIn(ctx, nodes[i%2], " SARA@example.com", "wrong", "10.0.0.1"); !errs.Is(err, errs.Unauthenticated) {
					t.Fatalf("failure %d: %v", i, err)
				}
			}
			_, err := auth.SignIn(ctx, nodes[1], u.Email, "long enough password", "10.0.0.2")
			if !errs.Is(err, errs.RateLimited) {
				t.Fatalf("sixth try: %v", err)
			}
			now = now.Add(auth.ThrottleWindow + time.Second)
			if _, err := auth.SignIn(ctx, nodes[0], u.Email, "long enough password", "10.0.0.2"); err != nil {
				t.Fatalf("after the window: %v", err)
			}
		})
	}
}

func TestSignInThrottlesOneAddressTryingManyEmails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, _, u := setup(t, db)
		for i := 0; i < auth.MaxIPFailures; i++ {
			auth.SignIn(ctx, db, "nobody"+string(rune('a'+i%26))+"@example.com", "x", "10.9.9.9")
		}
		if _, err := auth.SignIn(ctx, db, u.Email, "long enough password", "10.9.9.9"); !errs.Is(err, errs.RateLimited) {
			t.Fatalf("from the guessing address: %v", err)
		}
		if _, err := auth.SignIn(ctx, db, u.Email, "long enough password", "10.1.1.1"); err != nil {
			t.Fatalf("from another address: %v", err)
		}
	})
}

func TestRolesTable(t *testing.T) {
	all := []auth.Permission{auth.ViewOverview, auth.ViewJourney, auth.ViewCustomers, auth.ViewSettings,
		auth.ManageTouchpoints, auth.ManageUsers, auth.ManageKeys, auth.WorkCases, auth.ManageSurveys,
		auth.ManagePrograms, auth.ViewAnalytics, auth.ManageLoop, auth.ManageChannels}
	want := map[auth.Role]string{ // one letter per permission above: y or -
		auth.Owner:    "yyyyyyyyyyyyy",
		auth.Admin:    "yyyyyyyyyyyyy",
		auth.Analyst:  "yyyyy---y-yy-",
		auth.Agent:    "yyy----y-----",
		auth.Marketer: "yyy-----yyy--",
		auth.Viewer:   "yy--------y--",
	}
	for _, r := range auth.Roles {
		got := ""
		for _, p := range all {
			if r.Can(p) {
				got += "y"
			} else {
				got += "-"
			}
		}
		if got != want[r] {
			t.Errorf("%s: %s, want %s", r, got, want[r])
		}
	}
	if auth.Admin.CanGrant(auth.Owner) || !auth.Owner.CanGrant(auth.Owner) || !auth.Admin.CanGrant(auth.Agent) ||
		auth.Analyst.CanGrant(auth.Viewer) || auth.Role("boss").Can(auth.ViewOverview) {
		t.Error("CanGrant or an unknown role is wrong")
	}
}
