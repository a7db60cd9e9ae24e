package web

import (
	"context"
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
)

// gapsTTL is how long a computed gaps view is reused. Deriving importance
// fits a model over every respondent (tens of milliseconds on the demo
// data), and the view moves slowly, so a minute-old one is good enough.
const gapsTTL = time.Minute

// gapsCache keeps the latest gaps view per workspace and period.
type gapsCache struct {
	mu sync.Mutex
	m  map[gapsKey]gapsEntry
}

type gapsKey struct {
	ws   int64
	days int
}

type gapsEntry struct {
	g  *analytics.Gaps
	at time.Time
}

// gaps returns the view of the last days, computing it when the cached
// one is older than gapsTTL. Views of other workspaces or periods that
// have expired are dropped as new ones are stored, so the map stays small.
func (c *Console) gaps(ctx context.Context, v *View, days int) (*analytics.Gaps, error) {
	k, now := gapsKey{v.Workspace.ID, days}, time.Now()
	c.gapsCache.mu.Lock()
	e, ok := c.gapsCache.m[k]
	c.gapsCache.mu.Unlock()
	if ok && now.Sub(e.at) < gapsTTL {
		return e.g, nil
	}
	g, err := c.querier(v).Gaps(ctx, c.lastDays(days))
	if err != nil {
		return nil, err
	}
	c.gapsCache.mu.Lock()
	defer c.gapsCache.mu.Unlock()
	if c.gapsCache.m == nil {
		c.gapsCache.m = map[gapsKey]gapsEntry{}
	}
	for old, e := range c.gapsCache.m {
		if now.Sub(e.at) >= gapsTTL {
			delete(c.gapsCache.m, old)
		}
	}
	c.gapsCache.m[k] = gapsEntry{g: g, at: now}
	return g, nil
}
