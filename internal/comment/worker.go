package comment

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// Options tune the Worker; zero values pick the defaults.
type Options struct {
	Log      *slog.Logger
	Interval time.Duration // between looks for new comments; default 250ms
	Batch    int           // comments per source per look; default 256
	// CommitSlack is how long a row may take from its arrival time to its
	// commit. PostgreSQL ids and times do not commit in order, so each
	// look goes back this far; default 10s. The sweep finds anything later.
	CommitSlack time.Duration
	SweepPause  time.Duration // rest between two passes of the sweep; default 1m
	Relearn     Relearn
}

// Worker analyses new comments in the background: survey text answers and
// event texts, each within about Interval of its commit. Any number of
// nodes may run one: they find work with "no analysis yet" queries and
// store with ON CONFLICT, so a comment gets one analysis whoever reads it.
type Worker struct {
	opt     Options
	db      *store.DB
	run     *runner
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
	started atomic.Bool
	ctx     context.Context // work in flight: outlives Run's ctx until Shutdown gives up
	cancel  context.CancelFunc

	tailFrom   time.Time
	slowAt     time.Time // when the tail last looked back the whole CommitSlack
	sweepA     int64     // next answer id range of the sweep
	sweepE     int64
	sweepAfter time.Time // the sweep rests until then
	relearnAt  time.Time
}

// NewWorker returns a worker over db; start it with Run.
func NewWorker(db *store.DB, opt Options) *Worker {
	opt.defaults()
	w := &Worker{opt: opt, db: db, run: newRunner(db, nil, opt.Batch),
		stop: make(chan struct{}), done: make(chan struct{})}
	w.ctx, w.cancel = context.WithCancel(context.Background())
	w.tailFrom = db.Now().Add(-opt.CommitSlack)
	return w
}

func (o *Options) defaults() {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	o.Interval = cmpOr(o.Interval, 250*time.Millisecond)
	o.CommitSlack = cmpOr(o.CommitSlack, 10*time.Second)
	o.SweepPause = cmpOr(o.SweepPause, time.Minute)
	if o.Batch <= 0 {
		o.Batch = 256
	}
	o.Relearn.defaults()
}

func cmpOr(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Run looks for new comments every Interval until ctx ends or Shutdown is
// called. The first looks sweep the whole database, so comments written
// while no node ran are read too.
func (w *Worker) Run(ctx context.Context) {
	w.started.Store(true)
	defer close(w.done)
	tick := time.NewTicker(w.opt.Interval)
	defer tick.Stop()
	for {
		if n, err := w.Step(w.ctx); err != nil && w.ctx.Err() == nil {
			w.opt.Log.Error("comment analysis failed; retrying", "err", err)
		} else if n > 0 {
			w.opt.Log.Debug("comments analysed", "stored", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-w.stop:
			return
		case <-tick.C:
		}
	}
}

// Shutdown stops Run after the batch in hand is stored, or abandons that
// batch (nothing is lost: it stays pending) when ctx ends first.
func (w *Worker) Shutdown(ctx context.Context) error {
	w.once.Do(func() { close(w.stop) })
	if !w.started.Load() {
		return nil
	}
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		w.cancel()
		<-w.done
		return ctx.Err()
	}
}

// Step is one look: the comments that arrived since the last look, one
// range of the sweep, and the re-learning check. It returns how many
// analyses this node stored.
func (w *Worker) Step(ctx context.Context) (int, error) {
	start := w.db.Now()
	from := w.tailFrom
	if start.Sub(w.slowAt) >= w.opt.CommitSlack/2 {
		// Now and then look back the whole slack for rows that committed
		// late; the other looks go back only a second, so a busy event
		// stream is not read forty times over.
		from, w.slowAt = start.Add(-w.opt.CommitSlack), start
	}
	n, more, err := w.run.tail(ctx, from)
	if err != nil {
		return n, err
	}
	if !more { // with a full batch left, look from the same time again
		w.tailFrom = start.Add(-min(time.Second, w.opt.CommitSlack))
	}
	m, err := w.sweep(ctx, start)
	if err != nil {
		return n + m, err
	}
	if !start.Before(w.relearnAt) {
		w.relearnAt = start.Add(w.opt.Relearn.Check)
		if err := RelearnDue(ctx, w.db, w.opt.Relearn, w.opt.Log); err != nil {
			return n + m, err
		}
	}
	return n + m, nil
}

// sweep handles one id range of each source, resting between passes.
func (w *Worker) sweep(ctx context.Context, now time.Time) (int, error) {
	if now.Before(w.sweepAfter) {
		return 0, nil
	}
	maxA, maxE, err := w.run.find.maxIDs(ctx)
	if err != nil {
		return 0, err
	}
	var n, m int
	if w.sweepA < maxA {
		next, k, err := w.run.sweepAnswers(ctx, w.sweepA, min(w.sweepA+sweepSpan, maxA))
		if err != nil {
			return k, err
		}
		w.sweepA, n = next, k
	}
	if w.sweepE < maxE {
		next, k, err := w.run.sweepEvents(ctx, w.sweepE, min(w.sweepE+sweepSpan, maxE))
		if err != nil {
			return n + k, err
		}
		w.sweepE, m = next, k
	}
	if w.sweepA >= maxA && w.sweepE >= maxE {
		w.sweepA, w.sweepE, w.sweepAfter = 0, 0, now.Add(w.opt.SweepPause)
	}
	return n + m, nil
}
