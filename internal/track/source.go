package track

import (
	"context"
	"crypto/sha256"
	"strings"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Source is where a request's events come from: a key and its workspace,
// with the workspace's touchpoints and event mappings as of a moment ago.
type Source struct {
	Key         *auth.Key
	Workspace   *workspace.Workspace
	touchpoints map[string]string  // key → the touchpoint's channel
	mappings    map[string]Mapping // event name → mapping
}

// keyed is what the key cache holds: who a key is.
type keyed struct {
	key *auth.Key
	ws  *workspace.Workspace
}

// catalog is what the workspace cache holds: the journey's vocabulary.
type catalog struct {
	touchpoints map[string]string
	mappings    map[string]Mapping
}

// Authenticate finds the live key whose plaintext is plain (a write key, as
// the SDKs send, or a secret key) and the workspace it belongs to.
func (in *Ingester) Authenticate(ctx context.Context, plain string) (*Source, error) {
	plain = strings.TrimSpace(plain)
	if plain == "" {
		return nil, errs.E("track.Authenticate", errs.Unauthenticated, "send the write key as the HTTP Basic user name")
	}
	k, err := in.keys.get(sha256.Sum256([]byte(plain)), func() (keyed, error) {
		ctx := context.WithoutCancel(ctx) // waiters share this load
		key, err := auth.LookupKey(ctx, in.db, plain)
		if err != nil {
			return keyed{}, err
		}
		ws, err := workspace.Get(ctx, in.db, key.WorkspaceID)
		return keyed{key, ws}, err
	})
	if err != nil {
		return nil, err
	}
	return in.source(ctx, k.key, k.ws)
}

// SourceFor is the source of events a secret-key caller, an import or a
// replay sends on behalf of workspace ws.
func (in *Ingester) SourceFor(ctx context.Context, ws *workspace.Workspace) (*Source, error) {
	return in.source(ctx, &auth.Key{WorkspaceID: ws.ID, Kind: auth.SecretKey}, ws)
}

func (in *Ingester) source(ctx context.Context, key *auth.Key, ws *workspace.Workspace) (*Source, error) {
	c, err := in.catalogs.get(ws.ID, func() (catalog, error) { return in.loadCatalog(context.WithoutCancel(ctx), ws.ID) })
	if err != nil {
		return nil, err
	}
	return &Source{Key: key, Workspace: ws, touchpoints: c.touchpoints, mappings: c.mappings}, nil
}

func (in *Ingester) loadCatalog(ctx context.Context, workspaceID int64) (catalog, error) {
	tps, err := journey.ListTouchpoints(ctx, in.db, workspaceID)
	if err != nil {
		return catalog{}, err
	}
	c := catalog{touchpoints: make(map[string]string, len(tps)), mappings: map[string]Mapping{}}
	for _, t := range tps {
		c.touchpoints[t.Key] = t.Channel
	}
	ms, err := ListMappings(ctx, in.db, workspaceID)
	if err != nil {
		return catalog{}, err
	}
	for _, m := range ms {
		c.mappings[m.Event] = m
	}
	return c, nil
}

// Forget makes this node reload the workspace's touchpoints and mappings on
// the next event; other nodes pick changes up within the cache TTL.
func (in *Ingester) Forget(workspaceID int64) { in.catalogs.forget(workspaceID) }
