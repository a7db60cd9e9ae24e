package cli

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"sort"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/config"
	"github.com/tajrobe/tajrobe/internal/demo"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

func runAnalytics(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "bench":
			return analyticsBench(ctx, env, args[1:])
		case "rebuild":
			return analyticsRebuild(ctx, env, args[1:])
		}
	}
	fmt.Fprintln(env.Stderr, "Usage: tajrobe analytics rebuild|bench [flags]\n\n"+
		"  rebuild  recompute every workspace's rollups from its raw events and answers\n"+
		"  bench    load a large data set once, then time the standard views\n\n"+
		"Both take --db (env TAJROBE_DB); 'tajrobe analytics bench --help' lists the rest.")
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		return flag.ErrHelp
	}
	return errs.E("cli.analytics", errs.Invalid, "say rebuild or bench")
}

// analyticsRebuild recomputes every workspace's rollups from raw rows.
func analyticsRebuild(ctx context.Context, env *Env, args []string) error {
	fs, err := flags(env, "analytics rebuild", "Recompute the analytics rollups of every workspace from its raw events and answers\n(after a bulk load, or when a workspace's time zone changed).", config.DB)
	if err != nil {
		return err
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.Query(ctx, "SELECT id FROM workspaces ORDER BY id")
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		start := time.Now()
		if err := analytics.Rebuild(ctx, db, id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "workspace %d rebuilt in %s\n", id, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

func analyticsBench(ctx context.Context, env *Env, args []string) error {
	fs, err := flags(env, "analytics bench", "Load a large data set once (if the database lacks it), then time the standard analytics views.", config.DB)
	if err != nil {
		return err
	}
	opt := demo.ScaleOptions{Now: time.Now().UTC(), Seed: 1405}
	fs.IntVar(&opt.Customers, "customers", 200_000, "customers to load")
	fs.IntVar(&opt.Events, "events", 10_000_000, "events to load")
	fs.IntVar(&opt.Responses, "responses", 1_000_000, "survey responses to load (each with an NPS and a CSAT answer)")
	runs := fs.Int("runs", 50, "timed runs of each view")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := openDB(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	ws, err := scaleWorkspace(ctx, env, db, opt)
	if err != nil {
		return err
	}
	return timeViews(ctx, env, db, ws, opt.Now, *runs)
}

// scaleWorkspace finds the load-test workspace, loading it when missing.
func scaleWorkspace(ctx context.Context, env *Env, db *store.DB, opt demo.ScaleOptions) (int64, error) {
	var ws int64
	err := db.QueryRow(ctx, "SELECT id FROM workspaces WHERE slug = ?", demo.ScaleSlug).Scan(&ws)
	if err == nil {
		fmt.Fprintf(env.Stdout, "using the data already loaded in workspace %d\n", ws)
		return ws, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	start := time.Now()
	opt.Progress = func(what string, done, total int) {
		if done == total || done%1_000_000 == 0 {
			fmt.Fprintf(env.Stdout, "  %s: %d/%d (%s)\n", what, done, total, time.Since(start).Round(time.Second))
		}
	}
	ws, err = demo.LoadScale(ctx, db, opt)
	fmt.Fprintf(env.Stdout, "loaded and rolled up in %s\n", time.Since(start).Round(time.Second))
	return ws, err
}

// timeViews runs each standard view once to warm up, then runs times,
// and prints the latency distribution.
func timeViews(ctx context.Context, env *Env, db *store.DB, ws int64, now time.Time, runs int) error {
	loc, _ := time.LoadLocation("Asia/Tehran")
	q := analytics.NewQuerier(db, ws, loc)
	year := analytics.Filter{From: now.AddDate(-1, 0, 0), To: now}
	views := []struct {
		name string
		run  func() error
	}{
		{"NPS by week × touchpoint, last year", func() error {
			_, err := q.Series(ctx, year, analytics.SeriesRequest{Metric: "nps", Unit: "week", Calendar: "jalali", ByTouchpoint: true})
			return err
		}},
		{"journey map, last year", func() error { _, err := q.JourneyMap(ctx, year); return err }},
		{"summary with previous period, last year", func() error { _, err := q.Summary(ctx, year); return err }},
	}
	fmt.Fprintf(env.Stdout, "%s, %d runs each after one warm-up run:\n", db.Dialect, runs)
	for _, v := range views {
		if err := v.run(); err != nil {
			return err
		}
		took := make([]time.Duration, runs)
		for i := range took {
			start := time.Now()
			if err := v.run(); err != nil {
				return err
			}
			took[i] = time.Since(start)
		}
		sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
		fmt.Fprintf(env.Stdout, "  %-42s p50 %7.1f ms   p99 %7.1f ms\n", v.name, ms(took[len(took)/2]), ms(took[len(took)*99/100]))
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
