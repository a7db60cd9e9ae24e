package program_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// BenchmarkDueSteps loads WAITING customers waiting inside a program on
// durable timers, DUE of them due in the same minute, and measures how
// long the timer runners take to move every due customer on: out of the
// wait, through an action that rewrites their traits, into the next
// wait. SQLite runs one node; PostgreSQL two nodes (each its own
// connection pool and timer runner, WORKERS runners per node) sharing
// the work through FOR UPDATE SKIP LOCKED. Sizes come from
// TAJROBE_PROGRAM_BENCH_WAITING, _DUE and _WORKERS (defaults 1,000,000,
// 100,000 and 2); run it once: -benchtime=1x.
func BenchmarkDueSteps(b *testing.B) {
	waiting, due, workers := envInt("WAITING", 1_000_000), envInt("DUE", 100_000), envInt("WORKERS", 2)
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		b.Run(d.String(), func(b *testing.B) {
			nodes := openNodes(b, d)
			ws, p := benchProgram(b, nodes[0])
			now := time.Now()
			t0 := time.Now()
			loadWaiting(b, nodes[0], ws.ID, p, waiting, due, now)
			b.Logf("%s: loaded %d waiting customers (%d due) in %s", d, waiting, due, time.Since(t0).Round(time.Second))
			b.ResetTimer()
			start := time.Now()
			ran := runAll(b, nodes, workers)
			elapsed := time.Since(start)
			b.StopTimer()
			checkMoved(b, nodes[0], p.ID, due)
			b.ReportMetric(elapsed.Seconds(), "s/all-due")
			b.ReportMetric(float64(ran)/elapsed.Seconds(), "steps/s")
			b.Logf("%s: %d nodes × %d runners moved %d due customers on in %s (%.0f steps/s)", d, len(nodes), workers, ran,
				elapsed.Round(10*time.Millisecond), float64(ran)/elapsed.Seconds())
		})
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv("TAJROBE_PROGRAM_BENCH_" + name)); err == nil && v > 0 {
		return v
	}
	return def
}

// openNodes opens one SQLite database, or two handles (two nodes) on one
// PostgreSQL schema.
func openNodes(b *testing.B, d store.Dialect) []*store.DB {
	first := storetest.Open(b, d)
	if d == store.SQLite {
		return []*store.DB{first}
	}
	target := storetest.Target(b, d)
	var nodes []*store.DB
	for range 2 {
		db, err := store.Open(ctx, target, store.Options{MaxConns: 8})
		must(b, err)
		b.Cleanup(func() { db.Close() })
		nodes = append(nodes, db)
	}
	_, err := nodes[0].Migrate(ctx)
	must(b, err)
	return nodes
}

func benchProgram(b *testing.B, db *store.DB) (*workspace.Workspace, *program.Program) {
	res, err := onboard.Workspace(ctx, db, onboard.Request{Workspace: workspace.Workspace{Name: "کفش آریا", Slug: "aria", Language: "fa"},
		AdminEmail: "owner@aria.example", AdminPassword: "correct horse battery"})
	must(b, err)
	ws, err := workspace.Get(ctx, db, res.WorkspaceID)
	must(b, err)
	p := &program.Program{Name: "bench", Status: program.Active, Trigger: program.Trigger{Kind: program.OnAPI},
		Steps: []program.Step{{ID: "w1", Kind: program.Wait, For: "30d"},
			{ID: "tag", Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.AddTag}, Tag: "nudged"}},
			{ID: "w2", Kind: program.Wait, For: "30d"}}}
	must(b, db.InTx(ctx, func(tx *store.Tx) error { return program.Save(ctx, tx, ws, "bench", p) }))
	return ws, p
}

// loadWaiting writes n customers, each inside the program at its first
// wait with its timer job; due of them are due within the last minute,
// the rest over the next 30 days.
func loadWaiting(b *testing.B, db *store.DB, wsID int64, p *program.Program, n, due int, now time.Time) {
	const chunk = 500
	nowMs := store.Millis(now)
	for lo := 0; lo < n; lo += 50_000 {
		hi := min(lo+50_000, n)
		err := db.InTx(ctx, func(tx *store.Tx) error {
			var first int64
			if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM customers`).Scan(&first); err != nil {
				return err
			}
			for c := lo; c < hi; c += chunk {
				k := min(chunk, hi-c)
				if err := bulk(ctx, tx, `INSERT INTO customers (id, workspace_id, traits, created_at, updated_at) VALUES `, k, 5, func(i int) []any {
					return []any{first + int64(c-lo+i+1), wsID, `{"first_name":"سارا"}`, nowMs, nowMs}
				}); err != nil {
					return err
				}
				dueAt := func(i int) int64 {
					if c+i < due {
						return nowMs - int64((c+i)%60_000) // the same minute
					}
					return nowMs + int64(c+i)*2_592_000_000/int64(n) // spread over 30 days
				}
				if err := bulk(ctx, tx, `INSERT INTO program_enrollments (id, workspace_id, program_id, version, customer_id, step, seq,
					due_at, entered_at, updated_at) VALUES `, k, 10, func(i int) []any {
					id := first + int64(c-lo+i+1)
					return []any{id, wsID, p.ID, p.Version, id, "w1", 1, dueAt(i), nowMs, nowMs}
				}); err != nil {
					return err
				}
				if err := bulk(ctx, tx, `INSERT INTO timer_jobs (kind, key, payload, due_at, created_at) VALUES `, k, 5, func(i int) []any {
					id := first + int64(c-lo+i+1)
					return []any{program.JobStep, fmt.Sprintf("program:%d:1", id), fmt.Sprintf(`{"e":%d,"q":1}`, id), dueAt(i), nowMs}
				}); err != nil {
					return err
				}
			}
			return nil
		})
		must(b, err)
	}
	if db.Dialect == store.Postgres {
		_, err := db.Exec(ctx, `ANALYZE`)
		must(b, err)
	}
}

// bulk inserts k rows of cols values in one statement.
func bulk(ctx context.Context, tx *store.Tx, head string, k, cols int, row func(i int) []any) error {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	args := make([]any, 0, k*cols)
	for i := range k {
		args = append(args, row(i)...)
	}
	_, err := tx.Exec(ctx, head+strings.TrimSuffix(strings.Repeat(one+", ", k), ", "), args...)
	return err
}

// runAll runs workers timer runners per node until no job is due.
func runAll(b *testing.B, nodes []*store.DB, workers int) int {
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for i, db := range nodes {
		for w := range workers {
			r := &timer.Runner{DB: db, Batch: 64, Node: fmt.Sprintf("node-%d-%d", i, w)}
			(&program.Runner{DB: db}).Register(r)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					n, err := r.RunDue(ctx)
					if err != nil {
						b.Error(err)
						return
					}
					mu.Lock()
					total += n
					mu.Unlock()
					if n == 0 {
						return
					}
				}
			}()
		}
	}
	wg.Wait()
	return total
}

func checkMoved(b *testing.B, db *store.DB, programID int64, due int) {
	var at2, tagged int
	must(b, db.QueryRow(ctx, `SELECT COUNT(*) FROM program_enrollments WHERE program_id = ? AND step = 'w2'`, programID).Scan(&at2))
	must(b, db.QueryRow(ctx, `SELECT COUNT(*) FROM program_log WHERE program_id = ? AND kind = 'action'`, programID).Scan(&tagged))
	if at2 != due || tagged != due {
		b.Fatalf("%d customers at the second wait and %d tagged; want %d each", at2, tagged, due)
	}
}
