package track

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// inboxFixture is a workspace and a source of its events, with no server.
func inboxFixture(t testing.TB, db *store.DB) *Source {
	t.Helper()
	ctx := context.Background()
	ws, err := onboard.Workspace(ctx, db, onboard.Request{
		Workspace:  workspace.Workspace{Name: "aria", Slug: "aria", Region: "IR"},
		AdminEmail: "a@example.com", AdminPassword: "correct horse battery",
	})
	if err != nil {
		t.Fatal(err)
	}
	in := New(db, Options{StageAt: -1})
	defer in.Close()
	src, err := in.Authenticate(ctx, ws.WriteKey)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// batchOf prepares n track events of people p-0 … p-(people-1).
func batchOf(t *testing.T, src *Source, prefix string, n, people int) []*Event {
	t.Helper()
	var events []*Event
	for i := range n {
		raw := fmt.Sprintf(`{"type":"track","messageId":"%s-%d","userId":"p-%d","event":"Visit","properties":{"n":%d}}`,
			prefix, i, i%people, i)
		e, err := src.Prepare([]byte(raw), Envelope{Received: time.Now()}, DefaultMaxFuture)
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	return events
}

func countRows(t *testing.T, db *store.DB, q string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitEmpty waits for the inbox to be applied by whoever applies it.
func waitEmpty(t *testing.T, db *store.DB) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		n, err := Pending(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("the inbox was never applied")
}

// TestInboxLeftByACrashIsApplied: rows a node committed to the inbox and
// never applied (it was killed) are applied by the next node to start,
// and a row applied twice stores nothing twice.
func TestInboxLeftByACrashIsApplied(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := inboxFixture(t, db)
		events := batchOf(t, src, "crash", 120, 7)
		spool, err := openSpool(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		for _, half := range [][]*Event{events, events[:60]} { // the second row repeats events already in the first
			if _, err := spool.Exec(ctx, `INSERT INTO event_inbox (workspace_id, events, payload, received_at) VALUES (?, ?, ?, 0)`,
				src.Workspace.ID, len(half), encodeEvents(nil, half)); err != nil {
				t.Fatal(err)
			}
		}
		if spool != db {
			spool.Close()
		}
		in := New(db, Options{})
		defer in.Close()
		waitEmpty(t, db)
		if n := countRows(t, db, `SELECT COUNT(*) FROM events`); n != 120 {
			t.Errorf("%d events, want 120", n)
		}
		if n := countRows(t, db, `SELECT COUNT(*) FROM customers`); n != 7 {
			t.Errorf("%d customers, want 7", n)
		}
		if n := countRows(t, db, `SELECT COALESCE(SUM(events), 0) FROM signal_rollups`); n != 120 {
			t.Errorf("the rollups count %d events, want 120", n)
		}
	})
}

// TestInboxAppliedByTwoNodes: two nodes stage and apply at once; each
// event is stored once and each person is one customer.
func TestInboxAppliedByTwoNodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := inboxFixture(t, db)
		nodes := []*Ingester{New(db, Options{StageAt: 1}), New(db, Options{StageAt: 1})}
		var wg sync.WaitGroup
		for i, in := range nodes {
			for r := range 10 {
				events := batchOf(t, src, fmt.Sprintf("n%d-r%d", i, r), 100, 31)
				wg.Go(func() {
					if err := in.Store(ctx, events); err != nil {
						t.Error(err)
					}
				})
			}
		}
		wg.Wait()
		for _, in := range nodes {
			if err := in.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			in.Close()
		}
		waitEmpty(t, db)
		if n := countRows(t, db, `SELECT COUNT(*) FROM events`); n != 2000 {
			t.Errorf("%d events, want 2000", n)
		}
		if n := countRows(t, db, `SELECT COUNT(*) FROM customers`); n != 31 {
			t.Errorf("%d customers, want 31", n)
		}
	})
}

// TestInboxPassesOverRowsItCannotRead: rows written by a newer version
// (or damaged) at the head of the inbox are left where they are, and the
// rows behind them are applied.
func TestInboxPassesOverRowsItCannotRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := inboxFixture(t, db)
		spool, err := openSpool(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if spool != db {
			defer spool.Close()
		}
		newer := []byte{codecVersion + 1, 1, 0}
		for i := range 300 { // more rows than claim looks at in one go
			if _, err := spool.Exec(ctx, `INSERT INTO event_inbox (workspace_id, events, payload, received_at) VALUES (?, ?, ?, 0)`,
				src.Workspace.ID, 10, newer); err != nil {
				t.Fatal(i, err)
			}
		}
		events := batchOf(t, src, "behind", 50, 5)
		if _, err := spool.Exec(ctx, `INSERT INTO event_inbox (workspace_id, events, payload, received_at) VALUES (?, ?, ?, 0)`,
			src.Workspace.ID, len(events), encodeEvents(nil, events)); err != nil {
			t.Fatal(err)
		}
		in := New(db, Options{})
		defer in.Close()
		for deadline := time.Now().Add(30 * time.Second); countRows(t, db, `SELECT COUNT(*) FROM events`) < 50; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the row behind the unreadable ones was never applied (%d events)", countRows(t, db, `SELECT COUNT(*) FROM events`))
			}
		}
		var left int
		if err := spool.QueryRow(ctx, `SELECT COUNT(*) FROM event_inbox`).Scan(&left); err != nil || left != 300 {
			t.Errorf("%d rows left in the inbox (%v), want the 300 unreadable ones", left, err)
		}
	})
}
