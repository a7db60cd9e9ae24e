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
	h       map[string]Handler
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
}

// Handle registers the handler of a job kind. Call it before Start.
func (r *Runner) Handle(kind string, h Handler) {
	if r.h == nil {
		r.h = map[string]Handler{}
	}
	r.h[kind] = h
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
	for _, j := range jobs {
		err := r.run(ctx, j)
		if ferr := finish(context.WithoutCancel(ctx), r.DB, r.Node, j, err, r.Backoff); ferr != nil {
			r.Log.Error("timer: recording a job's outcome failed", "job", j.ID, "kind", j.Kind, "err", ferr)
		}
	}
	return len(jobs), nil
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
