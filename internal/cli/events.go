package cli

import (
	"context"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/config"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/track"
)

// runEvents runs "tajrobe events replay" and "tajrobe events bench".
func runEvents(ctx context.Context, env *Env, args []string) error {
	switch {
	case len(args) > 0 && args[0] == "replay":
		return runEventsReplay(ctx, env, args)
	case len(args) > 0 && args[0] == "bench":
		return runEventsBench(ctx, env, args[1:])
	case len(args) > 0 && isHelp(args[0]):
		fmt.Fprintln(env.Stderr, "tajrobe events replay: retry failed events; tajrobe events bench: measure ingestion (see --help of each).")
		return runEventsReplay(ctx, env, []string{"replay", "--help"})
	}
	return errs.E("cli", errs.Invalid, "usage: tajrobe events replay [--workspace ID|slug] [--limit N]\n   or: tajrobe events bench [--db URL] [--batch N] [--workers N] [--duration D] [--rate N] [--users N] [--warmup D]")
}

// runEventsReplay retries the events kept in the failed-events store,
// oldest first.
func runEventsReplay(ctx context.Context, env *Env, args []string) error {
	fs, err := flags(env, "events replay", "Retry the events that were accepted but could not be stored.\nEach is validated again against today's touchpoints and mappings; one that fails again stays, with the new reason.", config.DB, config.LogLevel, config.LogFormat)
	if err != nil {
		return err
	}
	ref := fs.String("workspace", "", "replay only this workspace's events (id or slug; default: all)")
	limit := fs.Int("limit", 10000, "events to retry at most")
	if err := parse(fs, args[1:]); err != nil {
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
	var wsID int64
	if *ref != "" {
		ws, err := track.PickWorkspace(ctx, db, *ref)
		if err != nil {
			return err
		}
		wsID = ws.ID
	}
	in := track.New(db, track.Options{RateLimit: -1, Log: log})
	defer in.Close()
	res, err := in.Replay(ctx, wsID, *limit)
	if err != nil {
		return err
	}
	left, err := track.FailedCount(ctx, db, wsID)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%d events stored, %d failed again; %d still wait for a replay.\n", res.Stored, res.Failed, left)
	return nil
}

func isHelp(arg string) bool { return arg == "-h" || arg == "--help" || arg == "help" }
