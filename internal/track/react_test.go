package track_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Every event the group commit stores is in the analytics rollups, and a
// retried batch is not counted twice.
func TestBatchCountedInAnalytics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		var batch []map[string]any
		for i := range 30 {
			batch = append(batch, map[string]any{"type": "track", "messageId": fmt.Sprint("an-", i), "userId": fmt.Sprint("u", i%7),
				"event": "Order Completed", "touchpoint": "delivery", "signal": i%5 - 2})
		}
		for range 2 { // the second is a retry
			if code, body := f.send("/v1/batch", map[string]any{"batch": batch}); code != 200 {
				t.Fatalf("batch: %d %v", code, body)
			}
		}
		now := db.Now()
		ws, err := workspace.Get(context.Background(), db, f.ws.WorkspaceID)
		if err != nil {
			t.Fatal(err)
		}
		// Rollup days are the workspace's (Asia/Tehran) days, as in the API.
		q := analytics.NewQuerier(db, ws.ID, ws.Location())
		sum, err := q.Summary(context.Background(), analytics.Filter{From: now.Add(-24 * time.Hour), To: now.Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Events != 30 {
			t.Fatalf("the analytics summary counts %d events; 30 were stored", sum.Events)
		}
		if n := f.count(`SELECT COUNT(*) FROM stage_reach WHERE workspace_id = ? AND stage = 'delivery'`, f.ws.WorkspaceID); n != 7 {
			t.Fatalf("%d customers reached the delivery stage; want 7", n)
		}
	})
}

// A −2 delivery event sent through /v1/batch runs the loop's event rules in
// the same transaction and opens a case; a positive one does not.
func TestNegativeEventOpensCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		ctx := context.Background()
		err := db.InTx(ctx, func(tx *store.Tx) error {
			if err := loop.SaveTeam(ctx, tx, f.ws.WorkspaceID, "test", &loop.Team{Name: "پشتیبانی"}); err != nil {
				return err
			}
			return loop.SaveRule(ctx, tx, f.ws.WorkspaceID, "test", &rules.Rule{Name: "late delivery", Enabled: true,
				Trigger: rules.Trigger{Kind: rules.OnEvent, Touchpoint: "delivery"},
				When:    []rules.Condition{{Kind: rules.Signal, Op: rules.Lte, Value: new(-2.0)}},
				Then:    []rules.Action{{Kind: rules.OpenCase, Reason: "late_delivery", Team: "پشتیبانی"}}})
		})
		if err != nil {
			t.Fatal(err)
		}
		code, body := f.send("/v1/batch", map[string]any{"batch": []map[string]any{
			{"type": "track", "messageId": "ok-1", "userId": "sara", "event": "Delivery Done", "touchpoint": "delivery", "signal": 2},
			{"type": "track", "messageId": "late-1", "userId": "sara", "event": "Delivery Late", "touchpoint": "delivery", "signal": -2},
		}})
		if code != 200 {
			t.Fatalf("batch: %d %v", code, body)
		}
		late := f.event("late-1")
		if n := f.count(`SELECT COUNT(*) FROM cases WHERE workspace_id = ? AND reason = 'late_delivery' AND customer_id = ?`,
			f.ws.WorkspaceID, late.CustomerID); n != 1 {
			t.Fatalf("%d late-delivery cases; want 1", n)
		}
		if n := f.count(`SELECT COUNT(*) FROM cases WHERE workspace_id = ?`, f.ws.WorkspaceID); n != 1 {
			t.Fatalf("%d cases; only the −2 event should open one", n)
		}
		if n := f.count(`SELECT COUNT(*) FROM cases c JOIN events e ON e.id = c.source_id
			WHERE c.source_kind = 'event' AND e.message_id = 'late-1'`); n != 1 {
			t.Fatal("the case does not name the event that opened it")
		}
	})
}

// An event stored through /v1/batch enters the programs its trigger names,
// in the group's transaction.
func TestIngestedEventEntersPrograms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		ctx := context.Background()
		ws, err := workspace.Get(ctx, db, f.ws.WorkspaceID)
		if err != nil {
			t.Fatal(err)
		}
		// A program may only name an event the workspace has seen.
		if code, body := f.send("/v1/track", map[string]any{"messageId": "o-0", "userId": "early", "event": "Order Completed"}); code != 200 {
			t.Fatalf("track: %d %v", code, body)
		}
		p := &program.Program{Name: "thank the big buyers", Status: program.Active,
			Trigger: program.Trigger{Kind: rules.OnEvent, Event: "Order Completed"},
			Steps:   []program.Step{{Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.AddTag}, Tag: "buyer"}}}}
		if err := db.InTx(ctx, func(tx *store.Tx) error { return program.Save(ctx, tx, ws, "test", p) }); err != nil {
			t.Fatal(err)
		}
		code, body := f.send("/v1/batch", map[string]any{"batch": []map[string]any{
			{"type": "track", "messageId": "o-1", "userId": "sara", "event": "Order Completed"},
			{"type": "track", "messageId": "v-1", "userId": "reza", "event": "Product Viewed"},
		}})
		if code != 200 {
			t.Fatalf("batch: %d %v", code, body)
		}
		sara := f.event("o-1").CustomerID
		if n := f.count(`SELECT COUNT(*) FROM program_enrollments WHERE program_id = ? AND customer_id = ?`, p.ID, sara); n != 1 {
			t.Fatalf("%d enrolments of the buyer; want 1", n)
		}
		if n := f.count(`SELECT COUNT(*) FROM program_enrollments WHERE program_id = ?`, p.ID); n != 1 {
			t.Fatalf("%d enrolments; only the order enters", n)
		}
	})
}
