package cli

import (
	"context"
	"log/slog"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/store"
)

// startComments runs the comment worker: every new survey comment and
// event text analysed within about a second, and each workspace's model
// re-learned as labelled comments arrive. The returned func stops it,
// letting the batch in hand finish within the shutdown timeout.
func startComments(ctx context.Context, env *Env, db *store.DB, log *slog.Logger) func() {
	w := comment.NewWorker(db, comment.Options{Log: log.With("part", "comments")})
	go w.Run(ctx)
	return func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), env.Config.Shutdown)
		defer cancel()
		if err := w.Shutdown(sctx); err != nil {
			log.Warn("comment worker stopped before its batch was stored; it stays pending", "err", err)
		}
	}
}
