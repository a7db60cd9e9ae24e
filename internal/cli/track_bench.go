package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/track"
	"github.com/tajrobe/tajrobe/internal/track/loadtest"
)

// runEventsBench runs "tajrobe events bench": it starts this binary as a real server on a
// fresh database, loads it over loopback with Segment requests and
// reports events/s, latency percentiles and the server's peak RSS.
func runEventsBench(ctx context.Context, env *Env, args []string) error {
	fs := flag.NewFlagSet("events bench", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", "", "database to run on: a postgres:// URL (a fresh schema is made in it) or empty for a new SQLite file")
	var cfg loadtest.Config
	fs.IntVar(&cfg.Batch, "batch", 100, "events per request: 1 sends single /v1/track calls, more sends /v1/batch")
	fs.IntVar(&cfg.Workers, "workers", 32, "concurrent senders")
	fs.DurationVar(&cfg.Duration, "duration", 20*time.Second, "how long to send and measure")
	fs.DurationVar(&cfg.Warmup, "warmup", 0, "how long to send the same load first, unmeasured, so a fresh server is measured warm")
	fs.IntVar(&cfg.Rate, "rate", 0, "events per second to offer (0: as fast as the server answers)")
	fs.IntVar(&cfg.Users, "users", 100000, "distinct people the events come from")
	cfg.Seed = uint64(time.Now().UnixNano())
	if err := parse(fs, args); err != nil {
		return err
	}
	target, cleanup, err := eventsBenchTarget(ctx, *db)
	if err != nil {
		return err
	}
	defer cleanup()
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	srv, err := loadtest.Init(ctx, exe, target)
	if err != nil {
		return err
	}
	if err := srv.Start(ctx); err != nil {
		return err
	}
	defer srv.Stop()
	cfg.URL, cfg.WriteKey = srv.URL, srv.WriteKey
	cpu0, _ := srv.CPUTime()
	own0 := loadtest.OwnCPU()
	res := loadtest.Run(ctx, cfg)
	cpu1, _ := srv.CPUTime()
	own := loadtest.OwnCPU() - own0
	drain, err := awaitInbox(ctx, target)
	if err != nil {
		return err
	}
	cpu2, _ := srv.CPUTime()
	rss, _ := srv.PeakRSS()
	stored, err := countStoredEvents(ctx, target)
	if err != nil {
		return err
	}
	printEventsBench(env, cfg, target, res, rss, stored)
	fmt.Fprintf(env.Stdout, "inbox applied %s after the last answer: %.0f events/s from first request to all applied\n",
		drain.Round(time.Millisecond), float64(stored)/(cfg.Warmup+res.Elapsed+drain).Seconds())
	fmt.Fprintf(env.Stdout, "server CPU=%.1fs while sending, %.1fs in all (%.0f events per CPU-second of the tajrobe process)\n",
		(cpu1 - cpu0).Seconds(), (cpu2 - cpu0).Seconds(), float64(res.Events+res.Warmup)/max((cpu2-cpu0).Seconds(), 0.01))
	fmt.Fprintf(env.Stdout, "load generator CPU=%.1fs while sending (%.0f µs an answered event; the server %.0f µs)\n",
		own.Seconds(), perEvent(own, res), perEvent(cpu1-cpu0, res))
	return nil
}

// awaitInbox waits until the server has applied every event it staged in
// the inbox and returns how long that took.
func awaitInbox(ctx context.Context, target string) (time.Duration, error) {
	db, err := store.Open(ctx, target, store.Options{MaxConns: 1})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	start := time.Now()
	for {
		n, err := track.Pending(ctx, db)
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return time.Since(start), nil
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func printEventsBench(env *Env, cfg loadtest.Config, target string, res loadtest.Result, rss, stored int64) {
	engine := "sqlite"
	if store.IsPostgresURL(target) {
		engine = "postgres"
	}
	fmt.Fprintf(env.Stdout, "engine=%s batch=%d workers=%d rate=%d users=%d warmup=%s duration=%s\n",
		engine, cfg.Batch, cfg.Workers, cfg.Rate, cfg.Users, cfg.Warmup, res.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(env.Stdout, "events/s=%.0f requests/s=%.0f acknowledged=%d (+%d in the warm-up) stored=%d failed_requests=%d\n",
		res.EventsPerSecond(), float64(res.Requests)/res.Elapsed.Seconds(), res.Events, res.Warmup, stored, res.Failed)
	fmt.Fprintf(env.Stdout, "latency p50=%s p90=%s p99=%s max=%s\n", latencyMS(res.P50), latencyMS(res.P90), latencyMS(res.P99), latencyMS(res.Max))
	fmt.Fprintf(env.Stdout, "server peak RSS=%.0f MB\n", float64(rss)/(1<<20))
	if res.FirstErr != "" {
		fmt.Fprintf(env.Stdout, "first error: %s\n", res.FirstErr)
	}
}

// perEvent is CPU time per event answered, warm-up included, in µs.
func perEvent(cpu time.Duration, res loadtest.Result) float64 {
	return float64(cpu.Microseconds()) / float64(max(res.Events+res.Warmup, 1))
}

func latencyMS(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

// eventsBenchTarget makes a fresh database for the run and a function that
// removes it.
func eventsBenchTarget(ctx context.Context, db string) (string, func(), error) {
	if db == "" {
		dir, err := os.MkdirTemp("", "tajrobe-bench-")
		if err != nil {
			return "", nil, err
		}
		return filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }, nil
	}
	if !store.IsPostgresURL(db) {
		return db, func() {}, nil
	}
	return loadtest.FreshSchema(ctx, db, "bench")
}

func countStoredEvents(ctx context.Context, target string) (int64, error) {
	db, err := store.Open(ctx, target, store.Options{MaxConns: 1})
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int64
	return n, db.QueryRow(ctx, `SELECT COUNT(*) FROM events`).Scan(&n)
}
