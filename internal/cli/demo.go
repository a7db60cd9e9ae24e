package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tajrobe/tajrobe/internal/config"
	"github.com/tajrobe/tajrobe/internal/demo"
	"github.com/tajrobe/tajrobe/internal/store"
)

func runDemo(ctx context.Context, env *Env, args []string) error {
	env.Config.DB = "" // a demo always starts on a fresh database unless told where
	fs, err := flags(env, "demo", "Start Tajrobe on a fresh database filled with a shoe retailer and a pizza shop\n(a fixed seed: the same data every run). Needs nothing but this binary.",
		config.DB, config.Addr, config.LogLevel, config.LogFormat)
	if err != nil {
		return err
	}
	seed := fs.Uint64("seed", 1405, "random seed of the data set")
	scale := fs.Float64("scale", 1, "multiplies the number of demo customers")
	loadOnly := fs.Bool("load-only", false, "load the data and exit without serving")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := freshDemoDB(env); err != nil {
		return err
	}
	log, err := logger(env)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := refuseUsedDB(ctx, db); err != nil {
		return err
	}
	start := time.Now()
	spaces, err := demo.Load(ctx, db, demo.Options{Seed: *seed, Now: time.Now().UTC(), Scale: *scale})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Demo data loaded into %s in %s.\n", env.Config.DB, time.Since(start).Round(time.Millisecond))
	if *loadOnly {
		printDemo(env.Stdout, "", spaces)
		return nil
	}
	return serve(ctx, env, db, log, func(url string) { printDemo(env.Stdout, url, spaces) })
}

// freshDemoDB picks a new temporary SQLite directory when none was given.
func freshDemoDB(env *Env) error {
	if env.Config.DB != "" {
		return nil
	}
	dir, err := os.MkdirTemp("", "tajrobe-demo-")
	if err != nil {
		return err
	}
	env.Config.DB = dir
	return nil
}

// refuseUsedDB keeps the demo from writing into a database with data.
func refuseUsedDB(ctx context.Context, db *store.DB) error {
	var n int
	if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM workspaces").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("the database already has %d workspaces; the demo needs an empty one (omit --db for a fresh one)", n)
	}
	return nil
}

func printDemo(w io.Writer, url string, spaces []demo.Workspace) {
	if url != "" {
		fmt.Fprintf(w, "\nTajrobe demo is running at %s\n", url)
	}
	fmt.Fprintf(w, "Sign in as %s with password %s\n\n", demo.AdminEmail, demo.AdminPassword)
	for _, s := range spaces {
		fmt.Fprintf(w, "%s (workspace %d): %d customers, %d events\n  write key:  %s\n  secret key: %s\n",
			s.Name, s.WorkspaceID, s.Customers, s.Events, s.WriteKey, s.SecretKey)
	}
	if url != "" && len(spaces) > 0 {
		fmt.Fprintf(w, "\nTry: curl -H 'Authorization: Bearer %s' '%s/api/v1/customers/lookup?phone=۰۹۱۲...'\n", spaces[0].SecretKey, url)
	}
}
