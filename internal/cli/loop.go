package cli

import (
	"context"
	"log/slog"
	"time"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// registerLoop adds the follow-up loop's jobs (deadline escalations,
// alerts, daily digests) to the server's timer runner.
func registerLoop(db *store.DB, log *slog.Logger, r *timer.Runner) {
	(&loop.Service{DB: db, Log: log, Mail: workspaceMailer(db)}).Register(r)
}

// workspaceMailer sends a workspace's loop alerts through the mail server
// its survey settings name (PUT /api/v1/survey-settings), the one its
// invitations go through; with none set, there is no mailer.
func workspaceMailer(db *store.DB) func(context.Context, int64) (loop.Mailer, error) {
	return func(ctx context.Context, ws int64) (loop.Mailer, error) {
		set, err := survey.LoadSettings(ctx, db, ws)
		if err != nil || set.Channels.SMTP.Addr == "" {
			return nil, err
		}
		c := set.Channels.SMTP
		return &notify.SMTP{Addr: c.Addr, From: c.From, User: c.User, Password: c.Password}, nil
	}
}

// scheduleDigests gives every workspace its next daily digest now and then
// every hour, for workspaces created since; the job's key makes it
// idempotent across nodes and restarts. It returns when ctx ends.
func scheduleDigests(ctx context.Context, db *store.DB, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if err := loop.ScheduleDigests(ctx, db); err != nil && ctx.Err() == nil {
			log.Warn("loop: scheduling digests failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
