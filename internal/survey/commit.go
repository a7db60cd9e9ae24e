package survey

import (
	"context"
	"sync"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Committer stores submissions from concurrent respondents in shared
// transactions (group commit): while one transaction commits, the next
// submissions queue, and go in together. Each submission runs under its
// refusal kept apart, so one refused answer never loses the others' work.
type Committer struct {
	DB *store.DB
	// MaxBatch bounds one transaction; 0 means 256.
	MaxBatch int

	mu    sync.Mutex
	queue []*pending
	busy  bool
}

type pending struct {
	ctx  context.Context
	sub  *Submission
	res  Result
	err  error
	done chan struct{}
}

// Submit stores sub with whatever else is waiting and returns its result.
func (c *Committer) Submit(ctx context.Context, sub *Submission) (Result, error) {
	p := &pending{ctx: ctx, sub: sub, done: make(chan struct{})}
	c.mu.Lock()
	c.queue = append(c.queue, p)
	if !c.busy {
		c.busy = true
		go c.flush()
	}
	c.mu.Unlock()
	select {
	case <-p.done:
		return p.res, p.err
	case <-ctx.Done():
		<-p.done // the batch may still commit it; report what happened
		return p.res, p.err
	}
}

// flush commits batches until the queue is empty.
func (c *Committer) flush() {
	max := c.MaxBatch
	if max <= 0 {
		max = 256
	}
	for {
		c.mu.Lock()
		n := min(len(c.queue), max)
		batch := c.queue[:n:n]
		c.queue = c.queue[n:]
		if n == 0 {
			c.busy = false
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		c.commit(batch)
	}
}

func (c *Committer) commit(batch []*pending) {
	err := c.DB.InTx(context.Background(), func(tx *store.Tx) error {
		w := &writer{tx: tx}
		if len(batch) > 1 {
			var err error
			if w, err = prepare(context.Background(), tx); err != nil {
				return err
			}
			defer w.close()
		}
		for _, p := range batch {
			if err := c.one(w, p); err != nil {
				return err
			}
		}
		return w.flushRollups(context.Background())
	})
	for _, p := range batch {
		if err != nil && p.err == nil {
			p.err, p.res = err, Result{}
		}
		close(p.done)
	}
}

// one runs a submission. Submit refuses (Invalid, Conflict…) before it
// writes anything, so a refusal stays on the pending item and the batch
// goes on; any other failure aborts the batch.
func (c *Committer) one(w *writer, p *pending) error {
	if p.ctx.Err() != nil {
		p.err = p.ctx.Err()
		return nil
	}
	p.res, p.err = submit(p.ctx, w, p.sub)
	if p.err != nil && !refusal(p.err) {
		return p.err
	}
	return nil
}

// refusal reports whether err is Submit saying no, not the database failing.
func refusal(err error) bool {
	switch errs.KindOf(err) {
	case errs.Invalid, errs.Conflict, errs.NotExist, errs.TooLarge:
		return true
	}
	return false
}
