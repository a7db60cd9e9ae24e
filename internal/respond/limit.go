package respond

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// limiter allows each client address n posts to public links per window
// (a fixed window, enough to stop a script flooding a public survey
// without any third-party service). Posts are counted in the database, so
// every node that shares it counts the same posts and the limit holds for
// the deployment, not per node. A node's own count refuses a flood before
// it costs the database a write: it never exceeds the shared one.
type limiter struct {
	db     *store.DB
	log    *slog.Logger
	n      int
	window time.Duration

	mu     sync.Mutex
	start  time.Time // the window this node's counts are of
	counts map[string]int
}

func newLimiter(db *store.DB, log *slog.Logger, n int, window time.Duration) *limiter {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &limiter{db: db, log: log, n: n, window: window, counts: map[string]int{}}
}

// allow counts one post from the client address host and reports whether
// it may pass. If the shared count cannot be read, the node's own decides.
func (l *limiter) allow(ctx context.Context, host string) bool {
	now := l.db.Now()
	start, fresh, ok := l.local(host, now)
	if !ok {
		return false
	}
	if fresh {
		l.forget(ctx, start)
	}
	var posts int
	err := l.db.InTx(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO public_post_counts (client, window_start, posts) VALUES (?, ?, 1)
			ON CONFLICT (client, window_start) DO UPDATE SET posts = public_post_counts.posts + 1
			RETURNING posts`, host, store.Millis(start)).Scan(&posts)
	})
	if err != nil {
		l.log.Warn("counting a public post failed; this node's own count decides", "err", err)
		return true
	}
	return posts <= l.n
}

// local counts the post on this node. It returns the window the post
// falls in, whether that window began with this post, and whether the
// node's own count still allows it.
func (l *limiter) local(host string, now time.Time) (start time.Time, fresh, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if start = now.Truncate(l.window); !start.Equal(l.start) {
		l.start, l.counts, fresh = start, map[string]int{}, true // a new window forgets every address
	}
	l.counts[host]++
	return start, fresh, l.counts[host] <= l.n
}

// forget deletes the shared counts of windows before start; each node
// does it when a window begins on it, so the table holds little more than
// the current window's rows.
func (l *limiter) forget(ctx context.Context, start time.Time) {
	if _, err := l.db.Exec(ctx, `DELETE FROM public_post_counts WHERE window_start < ?`, store.Millis(start)); err != nil {
		l.log.Warn("deleting past public post counts failed", "err", err)
	}
}
