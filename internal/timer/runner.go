package timer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// Handler runs one job. An error retries it later; Permanent(err) fails it.
type Handler func(ctx context.Context, j Job) error

// BatchHandler runs several claimed jobs of one kind at once, for kinds
// whose jobs share work (one transaction for many); it returns one error
// per job, nil for those that succeeded.
type BatchHandler func(ctx context.Context, jobs []Job) []error

// Runner claims due jobs and runs their handlers. Start it once per node;
// Shutdown stops claiming and waits for running jobs.
type Runner struct {
	DB      *store.DB
	Log     *slog.Logger
	Poll    time.Duration           // how often to look for due jobs; default 1 s
	Batch   int                     // jobs claimed at once; default 16
	Lease   time.Duration           // how long a claim holds; default 5 min
	Backoff func(int) time.Duration // retry delay by attempt; default Backoff
	Node    string                  // this node's name; default host-random
	Keep    time.Duration           // how long done jobs are kept; default 90 days
	h       map[string]Handler
	bh      map[string]BatchHandler
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
	pruned  time.Time // when this node last pruned done jobs
}

// Handle registers the handler of a job kind. Call it before Start.
func (r *Runner) Handle(kind string, h Handler) {
	if r.h == nil {
		r.h = map[string]Handler{}
	}
	r.h[kind] = h
}

// HandleBatch registers the batch handler of a job kind. Call it before
// Start.
func (r *Runner) HandleBatch(kind string, h BatchHandler) {
	if r.bh == nil {
		r.bh = map[string]BatchHandler{}
	}
	r.bh[kind] = h
}

// Start runs the claim loop until Shutdown or ctx ends.
func (r *Runner) Start(ctx context.Context) {
	r.defaults()
	go r.loop(ctx)
}

func (r *Runner) defaults() {
	if r.Log == nil {
		r.Log = slog.Default()
	}
	if r.Poll == 0 {
		r.Poll = time.Second
	}
	if r.Batch == 0 {
		r.Batch = 16
	}
	if r.Lease == 0 {
		r.Lease = 5 * time.Minute
	}
	if r.Backoff == nil {
		r.Backoff = Backoff
	}
	if r.Keep == 0 {
		r.Keep = 90 * 24 * time.Hour
	}
	if r.Node == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		rand.Read(b)
		r.Node = host + "-" + hex.EncodeToString(b)
	}
	r.stop, r.done = make(chan struct{}), make(chan struct{})
}

func (r *Runner) loop(ctx context.Context) {
	defer close(r.done)
	for {
		n, err := r.RunDue(ctx)
		if err != nil && ctx.Err() == nil {
			r.Log.Warn("timer: claiming jobs failed", "err", err)
		}
		r.prune(ctx)
		if n == r.Batch {
			continue // more may be due right now
		}
		select {
		case <-ctx.Done():
			return
		case <-r.stop:
			return
		case <-time.After(r.Poll):
		}
	}
}

// pruneEvery is how often a node deletes jobs done longer ago than Keep,
// and pruneBatch how many one statement deletes, so a first prune of a
// long-running table never holds the writer for long.
const (
	pruneEvery = time.Hour
	pruneBatch = 1000
)

// prune deletes, once an hour, the jobs done before Keep: without it the
// table keeps every reminder, step and webhook the workspace ever ran.
// Nodes may prune at once; they only delete the same old rows.
func (r *Runner) prune(ctx context.Context) {
	now := r.DB.Now()
	if now.Sub(r.pruned) < pruneEvery {
		return
	}
	r.pruned = now
	for ctx.Err() == nil {
		n, err := Prune(ctx, r.DB, now.Add(-r.Keep), pruneBatch)
		if err != nil {
			r.Log.Warn("timer: pruning done jobs failed", "err", err)
			return
		}
		if n < pruneBatch {
			return
		}
	}
}

// RunDue claims one batch of due jobs, runs them and returns how many ran.
// Tests and benchmarks call it directly instead of Start.
func (r *Runner) RunDue(ctx context.Context) (int, error) {
	if r.stop == nil {
		r.defaults()
	}
	jobs, err := claim(ctx, r.DB, r.Node, r.Batch, r.Lease)
	if err != nil {
		return 0, err
	}
	outcome := r.runAll(ctx, jobs)
	var done []int64
	for i, j := range jobs {
		if outcome[i] == nil {
			done = append(done, j.ID)
			continue
		}
		if ferr := finish(context.WithoutCancel(ctx), r.DB, r.Node, j, outcome[i], r.Backoff); ferr != nil {
			r.Log.Error("timer: recording a job's outcome failed", "job", j.ID, "kind", j.Kind, "err", ferr)
		}
	}
	if ferr := finishDone(context.WithoutCancel(ctx), r.DB, r.Node, done); ferr != nil {
		r.Log.Error("timer: recording jobs done failed", "jobs", len(done), "err", ferr)
	}
	return len(jobs), nil
}

// runAll runs the claimed jobs, those of a kind with a batch handler
// together, and returns their outcomes in order.
func (r *Runner) runAll(ctx context.Context, jobs []Job) []error {
	out := make([]error, len(jobs))
	batches := map[string][]int{}
	for i, j := range jobs {
		if r.bh[j.Kind] != nil {
			batches[j.Kind] = append(batches[j.Kind], i)
			continue
		}
		out[i] = r.run(ctx, j)
	}
	for kind, idx := range batches {
		group := make([]Job, len(idx))
		for k, i := range idx {
			group[k] = jobs[i]
		}
		for k, err := range r.runBatch(ctx, kind, group) {
			out[idx[k]] = err
		}
	}
	return out
}

func (r *Runner) runBatch(ctx context.Context, kind string, jobs []Job) (out []error) {
	defer func() {
		if v := recover(); v != nil {
			out = make([]error, len(jobs))
			for i := range out {
				out[i] = fmt.Errorf("panic: %v", v)
			}
		}
	}()
	out = r.bh[kind](ctx, jobs)
	if len(out) != len(jobs) {
		panic(fmt.Sprintf("timer: the batch handler of %q returned %d outcomes for %d jobs", kind, len(out), len(jobs)))
	}
	for i, err := range out {
		if err != nil {
			r.Log.Warn("timer: job failed", "job", jobs[i].ID, "kind", kind, "attempt", jobs[i].Attempts, "err", err)
		}
	}
	return out
}

func (r *Runner) run(ctx context.Context, j Job) (err error) {
	h := r.h[j.Kind]
	if h == nil {
		return Permanent(fmt.Errorf("no handler for job kind %q", j.Kind))
	}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	if err = h(ctx, j); err != nil {
		r.Log.Warn("timer: job failed", "job", j.ID, "kind", j.Kind, "attempt", j.Attempts, "err", err)
	}
	return err
}

// Shutdown stops claiming and waits for the jobs in hand, or for ctx.
func (r *Runner) Shutdown(ctx context.Context) error {
	if r.stop == nil {
		return nil
	}
	r.once.Do(func() { close(r.stop) })
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
