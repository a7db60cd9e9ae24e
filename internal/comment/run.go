package comment

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// runner finds, reads and stores comments; the Worker and CatchUp share it.
type runner struct {
	db    *store.DB
	cache *Cache
	find  *finder
	batch int
}

func newRunner(db *store.DB, cache *Cache, batch int) *runner {
	if cache == nil {
		cache = NewCache(db)
	}
	return &runner{db: db, cache: cache, find: newFinder(db), batch: batch}
}

// analyse reads each item with its workspace's analyser.
func (r *runner) analyse(ctx context.Context, items []item) ([]analysed, error) {
	out := make([]analysed, len(items))
	for i, it := range items {
		a, v, err := r.cache.Get(ctx, it.workspaceID)
		if err != nil {
			return nil, err
		}
		out[i] = analysed{item: it, res: a.Analyze(forAnalysis(it.text)), v: v}
	}
	return out, nil
}

// handle analyses and stores items, returning how many this node stored.
func (r *runner) handle(ctx context.Context, items []item) (int, error) {
	if len(items) == 0 {
		return 0, nil
	}
	done, err := r.analyse(ctx, items)
	if err != nil {
		return 0, err
	}
	return storeBatch(ctx, r.db, done)
}

// tail handles comments that arrived since the given time, a batch of
// each source, and reports whether a source had more than a batch.
func (r *runner) tail(ctx context.Context, since time.Time) (n int, more bool, err error) {
	ms := store.Millis(since)
	answers, err := r.find.answers(ctx, answerTail, ms, r.batch)
	if err != nil {
		return 0, false, err
	}
	events, err := r.find.events(ctx, r.find.eventTail, ms, r.batch)
	if err != nil {
		return 0, false, err
	}
	n, err = r.handle(ctx, append(answers, events...))
	return n, len(answers) == r.batch || len(events) == r.batch, err
}

// sweepAnswers handles pending answers with ids in (from, to] and returns
// where the next range starts.
func (r *runner) sweepAnswers(ctx context.Context, from, to int64) (int64, int, error) {
	items, err := r.find.answers(ctx, answerSweep, from, to, r.batch)
	return r.swept(ctx, items, to, err)
}

// sweepEvents is sweepAnswers for events.
func (r *runner) sweepEvents(ctx context.Context, from, to int64) (int64, int, error) {
	items, err := r.find.events(ctx, r.find.eventSweep, from, to, r.batch)
	return r.swept(ctx, items, to, err)
}

func (r *runner) swept(ctx context.Context, items []item, to int64, err error) (int64, int, error) {
	if err != nil {
		return 0, 0, err
	}
	n, err := r.handle(ctx, items)
	if len(items) == r.batch {
		to = items[len(items)-1].id // a full batch: the range goes on from its last id
	}
	return to, n, err
}

// CatchUp analyses every comment in the database that has no analysis yet
// and returns how many it stored. The demo and `tajrobe text learn` call
// it; a running server's Worker does the same in the background.
func CatchUp(ctx context.Context, db *store.DB) (int, error) {
	r := newRunner(db, nil, 500)
	maxA, maxE, err := r.find.maxIDs(ctx)
	if err != nil {
		return 0, errs.Wrap("comment.CatchUp", err)
	}
	total := 0
	for _, s := range []struct {
		max   int64
		sweep func(context.Context, int64, int64) (int64, int, error)
	}{{maxA, r.sweepAnswers}, {maxE, r.sweepEvents}} {
		for from := int64(0); from < s.max; {
			next, n, err := s.sweep(ctx, from, min(from+sweepSpan, s.max))
			if err != nil {
				return total, errs.Wrap("comment.CatchUp", err)
			}
			total, from = total+n, next
		}
	}
	return total, nil
}

// sweepSpan is how many ids one sweep query covers: small enough that a
// range with nothing pending costs little, large enough to cross a big
// table in minutes.
const sweepSpan = 5000
