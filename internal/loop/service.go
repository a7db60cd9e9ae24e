package loop

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// Service runs the loop's background work: deadline escalations, alert
// delivery and the daily digest, as timer jobs on any number of nodes.
type Service struct {
	DB *store.DB
	// Mail returns the mailer for a workspace's e-mail alerts; nil, or no
	// mailer, and they fail and, after their retries, go dead.
	Mail   func(ctx context.Context, workspaceID int64) (Mailer, error)
	Client *http.Client // for webhooks; nil uses a client with a 10 s timeout
	Log    *slog.Logger
}

// Register adds the loop's job handlers to a timer runner.
func (s *Service) Register(r *timer.Runner) {
	if s.Client == nil {
		s.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
	for kind, h := range s.Handlers() {
		r.Handle(kind, h)
	}
}

// Handlers returns the loop's job handlers by kind.
func (s *Service) Handlers() map[string]timer.Handler {
	return map[string]timer.Handler{JobDeadline: s.runDeadline, JobAlert: s.runAlert, JobDigest: s.runDigest}
}

func (s *Service) runDeadline(ctx context.Context, j timer.Job) error {
	var p deadlineJob
	if err := parseJob(j, &p); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *store.Tx) error {
		_, err := escalate(ctx, tx, p)
		return err
	})
}
