package track

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// heartbeat is how often a node says it is alive; a node unseen for three
// beats no longer takes a share of the limit.
const heartbeat = 5 * time.Second

// limiter is a token bucket per key. Nodes share a key's limit without
// talking on every request: each node counts the nodes alive in
// ingest_nodes and allows its share, which is right when a load balancer
// spreads a key's traffic evenly, and errs on the side of letting events
// in when it does not.
type limiter struct {
	db    *store.DB
	rate  float64 // events per second per key, all nodes together; ≤ 0 is none
	log   *slog.Logger
	node  string
	nodes atomic.Int64

	mu      sync.Mutex
	buckets map[int64]*bucket

	quit chan struct{}
	done chan struct{}
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(db *store.DB, rate float64, log *slog.Logger) *limiter {
	b := make([]byte, 8)
	rand.Read(b)
	l := &limiter{db: db, rate: rate, log: log, node: hex.EncodeToString(b), buckets: map[int64]*bucket{},
		quit: make(chan struct{}), done: make(chan struct{})}
	l.nodes.Store(1)
	if rate > 0 && db.Dialect == store.Postgres {
		go l.beat()
	} else {
		close(l.done) // a SQLite file has one server
	}
	return l
}

// allow takes n events from key's bucket. When the bucket is empty it
// says how long to wait before sending again.
func (l *limiter) allow(key int64, n int, now time.Time) (time.Duration, bool) {
	if l.rate <= 0 || key == 0 {
		return 0, true
	}
	rate := l.rate / float64(l.nodes.Load())
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: rate, last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(rate, b.tokens+now.Sub(b.last).Seconds()*rate) // one second of burst
	b.last = now
	need := math.Min(float64(n), rate) // a batch bigger than the burst needs a full bucket
	if b.tokens < need {
		return time.Duration((need - b.tokens) / rate * float64(time.Second)), false
	}
	b.tokens -= float64(n) // such a batch borrows; the next requests repay
	return 0, true
}

// beat records this node as alive and counts the live nodes.
func (l *limiter) beat() {
	defer close(l.done)
	t := time.NewTicker(heartbeat)
	defer t.Stop()
	for {
		l.beatOnce()
		select {
		case <-l.quit:
			return
		case <-t.C:
		}
	}
}

func (l *limiter) beatOnce() {
	ctx, cancel := context.WithTimeout(context.Background(), heartbeat)
	defer cancel()
	now := store.Millis(l.db.Now())
	_, err := l.db.Exec(ctx, `INSERT INTO ingest_nodes (node, seen_at) VALUES (?, ?)
		ON CONFLICT (node) DO UPDATE SET seen_at = excluded.seen_at`, l.node, now)
	if err == nil {
		_, err = l.db.Exec(ctx, `DELETE FROM ingest_nodes WHERE seen_at < ?`, now-int64(time.Hour/time.Millisecond))
	}
	var n int64
	if err == nil {
		err = l.db.QueryRow(ctx, `SELECT COUNT(*) FROM ingest_nodes WHERE seen_at >= ?`,
			now-int64(3*heartbeat/time.Millisecond)).Scan(&n)
	}
	if err != nil {
		l.log.Warn("rate limit heartbeat failed; keeping the last node count", "err", err)
		return
	}
	l.nodes.Store(max(n, 1))
}

func (l *limiter) stop() {
	select {
	case <-l.quit:
	default:
		close(l.quit)
	}
	<-l.done
}

// Allow takes n events from the key's rate limit, or says how long the
// sender should wait (the Retry-After of a 429).
func (in *Ingester) Allow(src *Source, n int) (time.Duration, bool) {
	return in.limits.allow(src.Key.ID, n, time.Now())
}
