package comment

import (
	"context"
	"sync"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// Cache keeps one analyser per workspace and rebuilds it when the
// workspace's model or themes change: building one costs milliseconds,
// checking the versions one indexed query. Safe for concurrent use.
type Cache struct {
	db *store.DB
	mu sync.Mutex
	m  map[int64]cached
}

type cached struct {
	a *textan.Analyzer
	v Versions
}

// NewCache returns an empty cache over db.
func NewCache(db *store.DB) *Cache {
	return &Cache{db: db, m: map[int64]cached{}}
}

// Get returns the workspace's current analyser and its versions.
func (c *Cache) Get(ctx context.Context, workspaceID int64) (*textan.Analyzer, Versions, error) {
	v, err := currentVersions(ctx, c.db, workspaceID)
	if err != nil {
		return nil, v, err
	}
	c.mu.Lock()
	got, ok := c.m[workspaceID]
	c.mu.Unlock()
	if ok && got.v == v {
		return got.a, v, nil
	}
	a, v, err := Analyzer(ctx, c.db, workspaceID)
	if err != nil {
		return nil, v, err
	}
	c.mu.Lock()
	c.m[workspaceID] = cached{a: a, v: v}
	c.mu.Unlock()
	return a, v, nil
}
