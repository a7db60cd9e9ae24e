package audit_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// TestCountSinceAMoment counts one actor's action in one workspace from a
// moment on, leaving out older entries, other actions, actors and
// workspaces.
func TestCountSinceAMoment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var ws [2]int64
		for i, slug := range []string{"aria", "napoli"} {
			res, err := onboard.Workspace(ctx, db, onboard.Request{Workspace: workspace.Workspace{Name: slug, Slug: slug},
				AdminEmail: "owner@" + slug + ".example", AdminPassword: "correct horse battery"})
			if err != nil {
				t.Fatal(err)
			}
			ws[i] = res.WorkspaceID
		}
		start := time.Date(2026, 4, 4, 10, 0, 0, 0, time.UTC)
		now := start
		db.SetClock(func() time.Time { return now })
		record := func(w int64, actor, action string) {
			t.Helper()
			if err := db.InTx(ctx, func(tx *store.Tx) error { return audit.Record(ctx, tx, w, actor, action, "s", nil) }); err != nil {
				t.Fatal(err)
			}
		}
		record(ws[0], "user:a", "channel.test")
		now = start.Add(2 * time.Minute)
		record(ws[0], "user:a", "channel.test")
		record(ws[0], "user:a", "channel.test")
		record(ws[0], "user:b", "channel.test")
		record(ws[0], "user:a", "case.note")
		record(ws[1], "user:a", "channel.test")
		n, err := audit.Count(ctx, db, ws[0], "user:a", "channel.test", start.Add(time.Minute))
		if err != nil || n != 2 {
			t.Fatalf("count = %d, %v; want 2", n, err)
		}
	})
}
