package track

import (
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// cache keeps values loaded from the database for a short time. Nodes
// share nothing but the database, so a change made through another node
// (a revoked key, a new mapping) shows here within one TTL; changes made
// through this node are forgotten at once.
type cache[K comparable, V any] struct {
	mu  sync.Mutex
	m   map[K]*entry[V]
	ttl time.Duration
	max int // entries kept at most, so random keys cannot grow it without end
	now func() time.Time
}

type entry[V any] struct {
	v     V
	err   error
	exp   time.Time
	ready chan struct{} // closed once v and err are set
}

func newCache[K comparable, V any](ttl time.Duration, max int, now func() time.Time) *cache[K, V] {
	return &cache[K, V]{m: map[K]*entry[V]{}, ttl: ttl, max: max, now: now}
}

// get returns the cached value for k, loading it when missing or stale.
// Callers that find a load under way wait for it rather than repeat it.
func (c *cache[K, V]) get(k K, load func() (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := c.m[k]
	if ok && !c.stale(e) {
		c.mu.Unlock()
		<-e.ready
		return e.v, e.err
	}
	if len(c.m) >= c.max {
		clear(c.m) // rare: only under a flood of distinct keys
	}
	e = &entry[V]{ready: make(chan struct{})}
	c.m[k] = e
	c.mu.Unlock()
	e.v, e.err = load()
	ttl := c.ttl
	if e.err != nil && !errs.Is(e.err, errs.Unauthenticated) && !errs.Is(e.err, errs.NotExist) {
		ttl = 0 // a database hiccup is not an answer worth keeping
	}
	e.exp = c.now().Add(ttl)
	close(e.ready)
	return e.v, e.err
}

// stale reports whether a loaded entry has expired; one still loading is not.
func (c *cache[K, V]) stale(e *entry[V]) bool {
	select {
	case <-e.ready:
		return !c.now().Before(e.exp)
	default:
		return false
	}
}

// forget drops k, so the next get loads it afresh.
func (c *cache[K, V]) forget(k K) {
	c.mu.Lock()
	delete(c.m, k)
	c.mu.Unlock()
}
