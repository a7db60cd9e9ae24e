package track_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track"
)

// modes are the two ways a group reaches the events table: written at
// once, or committed to the inbox and applied a moment later.
var modes = []struct {
	name string
	opt  track.Options
}{{"direct", track.Options{StageAt: -1}}, {"staged", track.Options{StageAt: 1}}}

// eachMode runs fn on both engines in both modes.
func eachMode(t *testing.T, fn func(t *testing.T, db *store.DB, opt track.Options)) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, db, m.opt) })
		})
	}
}

// TestGroupCommitUnderConcurrency sends many overlapping requests at once:
// every 200 is stored once, and each person is one customer however many
// requests and groups their events came in.
func TestGroupCommitUnderConcurrency(t *testing.T) {
	eachMode(t, func(t *testing.T, db *store.DB, opt track.Options) {
		f := newFixture(t, db, opt)
		const workers, requests, per, people = 16, 8, 10, 37
		var wg sync.WaitGroup
		errc := make(chan error, workers*requests)
		for w := range workers {
			wg.Go(func() {
				for r := range requests {
					var batch []any
					for i := range per {
						n := w*requests*per + r*per + i
						batch = append(batch, msg("type", "track", "messageId", fmt.Sprint("c-", n),
							"userId", fmt.Sprint("p-", n%people), "anonymousId", fmt.Sprint("a-", n%people), "event", "Visit"))
					}
					if st, body := f.send("/v1/batch", map[string]any{"batch": batch}); st != 200 {
						errc <- fmt.Errorf("batch = %d %v", st, body)
					}
				}
			})
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			t.Fatal(err)
		}
		f.flush()
		if n := f.count(`SELECT COUNT(*) FROM events`); n != workers*requests*per {
			t.Errorf("%d events, want %d", n, workers*requests*per)
		}
		if n := f.count(`SELECT COUNT(*) FROM customers`); n != people {
			t.Errorf("%d customers, want one per person: %d", n, people)
		}
		if n := f.count(`SELECT COUNT(*) FROM identity_conflicts`); n != 0 {
			t.Errorf("%d identity conflicts, want none", n)
		}
	})
}

// boom makes the database refuse events named Boom, as a later failure
// (a constraint, a trigger of an extension) would.
func boom(t *testing.T, db *store.DB, on bool) {
	t.Helper()
	ctx := context.Background()
	var stmts []string
	switch {
	case db.Dialect == store.Postgres && on:
		stmts = []string{`CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN
			IF NEW.name = 'Boom' THEN RAISE EXCEPTION 'boom: refused by a trigger'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER boom BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION boom()`}
	case db.Dialect == store.Postgres:
		stmts = []string{`DROP TRIGGER boom ON events`}
	case on:
		stmts = []string{`CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.name = 'Boom'
			BEGIN SELECT RAISE(ABORT, 'boom: refused by a trigger'); END`}
	default:
		stmts = []string{`DROP TRIGGER boom`}
	}
	for _, s := range stmts {
		if _, err := db.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFailedEventsAreKeptAndReplayed(t *testing.T) {
	eachMode(t, func(t *testing.T, db *store.DB, opt track.Options) {
		f := newFixture(t, db, opt)
		boom(t, db, true)
		batch := []any{
			msg("type", "track", "messageId", "f-1", "userId", "u", "event", "Fine"),
			msg("type", "track", "messageId", "f-2", "userId", "u", "event", "Boom", "properties", map[string]any{"note": "خراب"}),
			msg("type", "track", "messageId", "f-3", "userId", "u", "event", "Fine"),
		}
		if st, body := f.send("/v1/batch", map[string]any{"batch": batch, "sentAt": "2025-01-01T00:00:00Z"}); st != 200 {
			t.Fatalf("batch = %d %v; an accepted event that fails later is kept, not refused", st, body)
		}
		f.flush()
		if n, err := track.Pending(context.Background(), db); err != nil || n != 0 {
			t.Errorf("%d inbox rows left after the failure was kept (%v)", n, err)
		}
		if n := f.count(`SELECT COUNT(*) FROM events`); n != 2 {
			t.Errorf("%d events, want the 2 fine ones", n)
		}
		var reason string
		db.QueryRow(context.Background(), `SELECT reason FROM failed_events WHERE message_id = 'f-2'`).Scan(&reason)
		if !strings.Contains(reason, "boom") {
			t.Errorf("failed event reason = %q, want the database's refusal", reason)
		}
		res, err := f.in.Replay(context.Background(), 0, 0)
		if err != nil || res.Failed != 1 {
			t.Fatalf("replay while still failing = %+v, %v; want 1 failed", res, err)
		}
		boom(t, db, false)
		if res, err = f.in.Replay(context.Background(), f.ws.WorkspaceID, 0); err != nil || res.Stored != 1 {
			t.Fatalf("replay = %+v, %v; want 1 stored", res, err)
		}
		if e := f.event("f-2"); !strings.Contains(e.Properties, "خراب") {
			t.Errorf("replayed properties = %s", e.Properties)
		}
		if n, _ := track.FailedCount(context.Background(), db, 0); n != 0 {
			t.Errorf("%d failed events still pending", n)
		}
	})
}
