package timer_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/timer"
)

var ctx = context.Background()

func enqueue(t *testing.T, db *store.DB, kind, key string, due time.Time) {
	t.Helper()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		_, err := timer.Enqueue(ctx, tx, kind, key, map[string]string{"k": key}, due, 3)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// second opens another connection pool on the same database: a second node.
func second(t *testing.T, db *store.DB, target string) *store.DB {
	other, err := store.Open(ctx, target, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other
}

func TestTwoNodesNeverRunAJobTwice(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			target := storetest.Target(t, d)
			db, err := store.Open(ctx, target, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			for i := range 200 {
				enqueue(t, db, "count", "", time.Now().Add(-time.Duration(i)*time.Millisecond))
			}
			var runs sync.Map
			var total atomic.Int64
			h := func(_ context.Context, j timer.Job) error {
				if _, dup := runs.LoadOrStore(j.ID, true); dup {
					t.Errorf("job %d ran twice", j.ID)
				}
				total.Add(1)
				return nil
			}
			var wg sync.WaitGroup
			for _, node := range []*store.DB{db, second(t, db, target)} {
				r := &timer.Runner{DB: node, Batch: 7}
				r.Handle("count", h)
				wg.Go(func() {
					for {
						if n, err := r.RunDue(ctx); err != nil || n == 0 {
							return
						}
					}
				})
			}
			wg.Wait()
			if total.Load() != 200 {
				t.Fatalf("%d runs, want 200", total.Load())
			}
		})
	}
}

func TestRetriesBackOffThenFail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now })
		enqueue(t, db, "flaky", "once", now)
		enqueue(t, db, "flaky", "once", now) // same key: not added again
		enqueue(t, db, "doomed", "", now)
		calls := 0
		r := &timer.Runner{DB: db, Backoff: func(int) time.Duration { return time.Minute }}
		r.Handle("flaky", func(context.Context, timer.Job) error {
			calls++
			if calls < 3 {
				return errors.New("the far end is down")
			}
			return nil
		})
		r.Handle("doomed", func(context.Context, timer.Job) error { return timer.Permanent(errors.New("bad payload")) })
		for range 3 {
			if _, err := r.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
			if n, _ := r.RunDue(ctx); n != 0 {
				t.Fatal("a failed job must wait for its backoff")
			}
			now = now.Add(time.Minute)
		}
		if st, _ := timer.Stats(ctx, db, "flaky"); calls != 3 || st["done"] != 1 {
			t.Fatalf("flaky: %d calls, %v", calls, st)
		}
		if st, _ := timer.Stats(ctx, db, "doomed"); st["failed"] != 1 {
			t.Fatalf("doomed: %v", st)
		}
	})
}

func TestAJobOfADeadNodeRunsAfterItsLease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Now()
		db.SetClock(func() time.Time { return now })
		enqueue(t, db, "work", "", now)
		claimOnly(t, db) // a node claims the job and dies before finishing it
		alive := &timer.Runner{DB: db, Node: "alive"}
		ran := 0
		alive.Handle("work", func(context.Context, timer.Job) error { ran++; return nil })
		if n, _ := alive.RunDue(ctx); n != 0 {
			t.Fatal("a leased job must not run elsewhere")
		}
		now = now.Add(6 * time.Minute)
		if n, _ := alive.RunDue(ctx); n != 1 || ran != 1 {
			t.Fatalf("after the lease: %d run, handler ran %d times", n, ran)
		}
	})
}

// claimOnly claims every due job for a node that then vanishes.
func claimOnly(t *testing.T, db *store.DB) {
	t.Helper()
	block := make(chan struct{})
	r := &timer.Runner{DB: db, Node: "vanished"}
	r.Handle("work", func(ctx context.Context, j timer.Job) error { <-block; return nil })
	go r.RunDue(ctx)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM timer_jobs WHERE claimed_by = 'vanished'`).Scan(&n)
		if n == 1 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the job was never claimed")
}

func TestShutdownDrains(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		enqueue(t, db, "slow", "", time.Now())
		r := &timer.Runner{DB: db, Poll: 10 * time.Millisecond}
		var finished atomic.Bool
		started := make(chan struct{})
		r.Handle("slow", func(context.Context, timer.Job) error {
			close(started)
			time.Sleep(200 * time.Millisecond)
			finished.Store(true)
			return nil
		})
		r.Start(ctx)
		<-started
		if err := r.Shutdown(ctx); err != nil || !finished.Load() {
			t.Fatalf("shutdown = %v, finished = %v", err, finished.Load())
		}
		if st, _ := timer.Stats(ctx, db, "slow"); st["done"] != 1 {
			t.Fatalf("stats = %v", st)
		}
	})
}

// Done jobs go once they are older than the runner keeps them; ready and
// failed jobs, and recent done ones, stay.
func TestPruneDeletesOnlyJobsLongDone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Now()
		for _, k := range []string{"old-done", "new-done", "old-failed", "ready"} {
			enqueue(t, db, "prune", k, now.Add(time.Hour))
		}
		set := func(key, state string, finished time.Time) {
			t.Helper()
			if _, err := db.Exec(ctx, `UPDATE timer_jobs SET state = ?, finished_at = ? WHERE key = ?`, state, store.Millis(finished), key); err != nil {
				t.Fatal(err)
			}
		}
		set("old-done", "done", now.AddDate(0, 0, -100))
		set("new-done", "done", now.AddDate(0, 0, -10))
		set("old-failed", "failed", now.AddDate(0, 0, -100))
		n, err := timer.Prune(ctx, db, now.AddDate(0, 0, -90), 1000)
		if err != nil || n != 1 {
			t.Fatalf("pruned %d (%v), want the one old done job", n, err)
		}
		rows, err := db.Query(ctx, `SELECT key FROM timer_jobs WHERE kind = 'prune' ORDER BY key`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var left []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				t.Fatal(err)
			}
			left = append(left, k)
		}
		if got := strings.Join(left, ","); got != "new-done,old-failed,ready" {
			t.Fatalf("left %s", got)
		}
		// The same key can be enqueued again once its row is gone.
		enqueue(t, db, "prune", "old-done", now)
		if st, _ := timer.Stats(ctx, db, "prune"); st["ready"] != 2 {
			t.Fatalf("after re-enqueue: %v", st)
		}
	})
}
