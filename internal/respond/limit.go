package respond

import (
	"sync"
	"time"
)

// limiter allows each client address n posts per window on this node: a
// fixed window, enough to stop a script flooding a public survey without
// any third-party service.
type limiter struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	start  time.Time
	counts map[string]int
}

func newLimiter(n int, window time.Duration) *limiter {
	return &limiter{n: n, window: window, counts: map[string]int{}}
}

// allow counts one post from the client address host and reports whether
// it may pass.
func (l *limiter) allow(host string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now := time.Now(); now.Sub(l.start) > l.window {
		l.start, l.counts = now, map[string]int{} // a new window forgets every address
	}
	l.counts[host]++
	return l.counts[host] <= l.n
}
