package track

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Options tune an Ingester; the zero value is a good start.
type Options struct {
	// Committers is how many group transactions run at once: 0 means one
	// on SQLite (it has one writer) and two on PostgreSQL.
	Committers int
	// MaxGroup bounds the events one transaction takes from the queue.
	MaxGroup int
	// CacheTTL is how long keys, touchpoints and mappings are trusted
	// before they are read again; it bounds how late another node's change
	// (a revoked key) takes effect here.
	CacheTTL time.Duration
	// IdentityTTL is how long this node trusts an identity's owner it read
	// or attached before reading it again; merges are noticed at once, see
	// known. 0 means 5 s, a negative value turns the memory off.
	IdentityTTL time.Duration
	// RateLimit is the events per second one key may send, shared among
	// the nodes alive; 0 means DefaultRateLimit, a negative value none.
	RateLimit float64
	// StageAt is the group size from which events are committed to the
	// inbox and applied a moment later in the background, so a heavy
	// stream is answered at the speed of one insert a group; so are groups
	// of eight requests or more. Smaller groups are applied at once. 0
	// means DefaultStageAt, a negative value never stages, 1 always does.
	StageAt int
	// MaxFuture is how far in the future an event may claim to happen.
	MaxFuture time.Duration
	Log       *slog.Logger
}

// DefaultRateLimit is a key's events per second across all nodes: far
// above what a real shop sends, low enough that a runaway loop in one
// client cannot starve the others.
const DefaultRateLimit = 250_000

// DefaultStageAt is the default Options.StageAt: a few batches of 100
// events waiting at once means the stream is heavier than the events
// table can take on its own.
const DefaultStageAt = 300

// maxKnown bounds the identities a node remembers (about 30 MB).
const maxKnown = 250_000

func (o *Options) defaults(d store.Dialect) {
	if o.Committers <= 0 {
		o.Committers = 1
		if d == store.Postgres {
			o.Committers = 2
		}
	}
	if o.MaxGroup <= 0 {
		o.MaxGroup = 4000
	}
	if o.CacheTTL <= 0 {
		o.CacheTTL = 10 * time.Second
	}
	if o.IdentityTTL == 0 {
		o.IdentityTTL = 5 * time.Second
	}
	if o.RateLimit == 0 {
		o.RateLimit = DefaultRateLimit
	}
	if o.StageAt == 0 {
		o.StageAt = DefaultStageAt
	}
	if o.MaxFuture <= 0 {
		o.MaxFuture = DefaultMaxFuture
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}

// Ingester validates events and stores them in group commits. It keeps only
// caches and the queue in memory, so several nodes can share one database.
type Ingester struct {
	db       *store.DB
	opt      Options
	keys     *cache[[32]byte, keyed]
	catalogs *cache[int64, catalog]
	known    *known       // nil when IdentityTTL is negative
	stmts    *sqliteStmts // nil on PostgreSQL, or if preparing failed
	limits   *limiter

	mu     sync.RWMutex // held for reading while queueing, for writing by Close
	closed bool
	jobs   chan *job
	wg     sync.WaitGroup

	inbox   *inbox
	spool   *store.DB     // where the inbox lives; nil when it could not be opened
	quit    chan struct{} // closed by Close once the queue is committed
	applyWG sync.WaitGroup
	copied  time.Time // when the applier last copied the companion's WAL back
}

// job is one request's events waiting for a group commit.
type job struct {
	events []*Event
	done   chan error
}

// New starts an Ingester on db; Close stops it.
func New(db *store.DB, opt Options) *Ingester {
	opt.defaults(db.Dialect)
	in := &Ingester{
		db: db, opt: opt,
		keys:     newCache[[32]byte, keyed](opt.CacheTTL, 100_000, db.Now),
		catalogs: newCache[int64, catalog](opt.CacheTTL, 10_000, db.Now),
		jobs:     make(chan *job, 4096),
		inbox:    newInbox(),
		quit:     make(chan struct{}),
	}
	if db.Dialect == store.SQLite {
		st, err := prepareSQLite(context.Background(), db)
		if err != nil {
			opt.Log.Warn("preparing the ingestion statements failed; parsing them on each use", "err", err)
		}
		in.stmts = st
	}
	if opt.IdentityTTL > 0 {
		in.known = newKnown(opt.IdentityTTL, maxKnown)
	}
	spool, err := openSpool(context.Background(), db)
	if err != nil {
		opt.Log.Warn("the event inbox cannot be opened; every group is written straight to the events table", "err", err)
		in.opt.StageAt = -1
	}
	in.spool = spool
	in.limits = newLimiter(db, opt.RateLimit, opt.Log)
	for range opt.Committers {
		in.wg.Add(1)
		go in.commitLoop()
	}
	in.applyWG.Add(1)
	go in.applyLoop() // one, so a node applies its rows in the order they were staged
	return in
}

// MaxFuture is how far in the future an accepted event may be.
func (in *Ingester) MaxFuture() time.Duration { return in.opt.MaxFuture }

// Store queues events for the next group commit and returns once they are
// committed: to the events table, or, when one cannot be stored, to the
// failed-events store, or under a heavy stream to the inbox, from which
// they reach the events table a moment later. Duplicates of stored message
// ids are dropped.
func (in *Ingester) Store(ctx context.Context, events []*Event) error {
	if len(events) == 0 {
		return nil
	}
	j := &job{events: events, done: make(chan error, 1)}
	in.mu.RLock()
	if in.closed {
		in.mu.RUnlock()
		return errs.E("track.Store", errs.Unavailable, "the server is shutting down; send the events again")
	}
	select {
	case in.jobs <- j:
	case <-ctx.Done():
		in.mu.RUnlock()
		return ctx.Err()
	}
	in.mu.RUnlock()
	select {
	case err := <-j.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops taking events, commits the ones queued, applies what this
// node staged in the inbox, and waits for it all.
func (in *Ingester) Close() {
	in.mu.Lock()
	first := !in.closed
	if first {
		in.closed = true
		close(in.jobs)
	}
	in.mu.Unlock()
	in.wg.Wait()
	if first {
		close(in.quit)
	}
	in.applyWG.Wait()
	in.limits.stop()
	in.stmts.close()
	if first && in.spool != nil && in.spool != in.db {
		in.spool.Close()
	}
}
