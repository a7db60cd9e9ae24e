package loop_test

import (
	"context"
	"log/slog"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// TestEscalationSurvivesACrashAndTwoNodes opens cases, lets their deadlines
// pass, has one node die after escalating a case but before recording the
// job as done, then two other nodes (separate connection pools, as a
// restart or a second server would have) run the timers at once. Every
// case must be escalated for each deadline exactly once.
func TestEscalationSurvivesACrashAndTwoNodes(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			target := storetest.Target(t, d)
			nodes := make([]*store.DB, 3)
			for i := range nodes {
				db, err := store.Open(ctx, target, store.Options{})
				must(t, err)
				t.Cleanup(func() { db.Close() })
				nodes[i] = db
			}
			_, err := nodes[0].Migrate(ctx)
			must(t, err)
			w := newWorld(t, nodes[0])
			w.clock.attach(nodes...)
			w.detractorRule()
			const n = 12
			for i := range n {
				w.answer(w.customer(i, nil), 1, "web", "")
			}
			w.clock.advance(7 * 24 * time.Hour) // both deadlines of every case have passed

			crash(t, nodes[0])
			w.clock.advance(2 * time.Minute) // the dead node's lease runs out
			var wg sync.WaitGroup
			for i, db := range nodes[1:] {
				wg.Add(1)
				go func() {
					defer wg.Done()
					r := runner(db, "node-"+string(rune('b'+i)))
					for {
						got, err := r.RunDue(ctx)
						if err != nil {
							t.Error(err)
						}
						if got == 0 {
							return
						}
					}
				}()
			}
			wg.Wait()
			checkEscalatedOnce(t, w, n)
		})
	}
}

func runner(db *store.DB, node string) *timer.Runner {
	r := &timer.Runner{DB: db, Node: node, Batch: 4, Lease: time.Minute, Log: slog.New(slog.DiscardHandler)}
	(&loop.Service{DB: db, Mail: func(context.Context, int64) (loop.Mailer, error) { return nopMailer{}, nil }}).Register(r)
	return r
}

type nopMailer struct{}

func (nopMailer) Send(context.Context, notify.Mail) error { return nil }

// crash runs node A until its first escalation commits, then ends its
// goroutine before the timer records the job done: a process killed at the
// worst moment. The rest of its claimed batch stays leased to it.
func crash(t *testing.T, db *store.DB) {
	r := runner(db, "node-a")
	real := (&loop.Service{DB: db}).Handlers()[loop.JobDeadline]
	r.Handle(loop.JobDeadline, func(ctx context.Context, j timer.Job) error {
		if err := real(ctx, j); err != nil {
			return err
		}
		runtime.Goexit()
		return nil
	})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for { // alerts come first; run until the first deadline job
			if got, _ := r.RunDue(ctx); got == 0 {
				t.Error("node A ran out of jobs without reaching a deadline")
				return
			}
		}
	}()
	<-done
}

func checkEscalatedOnce(t *testing.T, w *world, n int) {
	t.Helper()
	if got := w.count(`SELECT COUNT(*) FROM cases WHERE escalations = 3 AND priority = 3`); got != n {
		t.Fatalf("%d of %d cases escalated for both deadlines, to urgent", got, n)
	}
	if got := w.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'case.escalate'`); got != 2*n {
		t.Fatalf("%d escalations audited, want %d: one per case and deadline", got, 2*n)
	}
	if got := w.count(`SELECT COUNT(*) FROM case_notes WHERE kind = 'system' AND body LIKE '%deadline passed%'`); got != 2*n {
		t.Fatalf("%d escalation notes, want %d", got, 2*n)
	}
	if got := w.count(`SELECT COUNT(*) FROM case_alerts WHERE target = 'lead@aria.example'`); got != 2*n {
		t.Fatalf("the lead got %d alerts, want %d", got, 2*n)
	}
	if got := w.count(`SELECT COUNT(*) FROM timer_jobs WHERE kind = 'loop.deadline' AND state <> 'done'`); got != 0 {
		t.Fatalf("%d deadline timers never finished", got)
	}
}
