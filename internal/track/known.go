package track

import (
	"context"
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/store"
)

// known is this node's short memory of which customer owns an identity,
// so a person seen a moment ago costs no query and no lock on their next
// event. It holds only identities committed to the database, learnt after
// the group that read or created them committed, and is safe with several
// nodes because an identity, once it exists, changes owner only by a
// merge or an unmerge (resolution records conflicts, never moves them):
//
//   - every group reads the workspace's merge mark (the newest merge and
//     the newest undo, one small query) and forgets the workspace's
//     identities when it moved, on whichever node the merge happened;
//   - an identity removed from a profile by hand (customer.Update) is
//     trusted for at most TTL here; an event in that window joins the
//     profile that just held the identity, as it would have a moment
//     earlier.
type known struct {
	mu  sync.Mutex
	ttl time.Duration
	max int // identities kept at most, over all workspaces
	n   int
	ws  map[int64]*knownWS
}

type knownWS struct {
	mark   mergeMark
	owners map[customer.Identity]knownOwner
}

type knownOwner struct {
	customer int64
	until    int64 // unix nanoseconds
}

// mergeMark changes whenever a workspace's identities change owner.
type mergeMark struct{ last, undone int64 }

// learnt is an identity and its owner, to remember once committed.
type learnt struct {
	ws       int64
	mark     mergeMark
	id       customer.Identity
	customer int64
}

func newKnown(ttl time.Duration, max int) *known {
	return &known{ttl: ttl, max: max, ws: map[int64]*knownWS{}}
}

// readMergeMark reads the workspace's merge mark in tx.
func readMergeMark(ctx context.Context, tx *store.Tx, workspaceID int64) (mergeMark, error) {
	var m mergeMark
	err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0), COALESCE(MAX(undone_at), 0) FROM merges WHERE workspace_id = ?`,
		workspaceID).Scan(&m.last, &m.undone)
	return m, err
}

// owners returns the remembered owners of ids, forgetting the workspace's
// identities first when its merge mark moved.
func (k *known) owners(workspaceID int64, mark mergeMark, ids []customer.Identity, now time.Time) map[customer.Identity]int64 {
	out := make(map[customer.Identity]int64, len(ids))
	if k == nil {
		return out
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	w := k.ws[workspaceID]
	if w == nil {
		return out
	}
	if w.mark != mark {
		k.n -= len(w.owners)
		delete(k.ws, workspaceID)
		return out
	}
	t := now.UnixNano()
	for _, id := range ids {
		if o, ok := w.owners[id]; ok && t < o.until {
			out[id] = o.customer
		}
	}
	return out
}

// learn remembers identities a committed group read or created.
func (k *known) learn(items []learnt, now time.Time) {
	if k == nil || len(items) == 0 {
		return
	}
	until := now.Add(k.ttl).UnixNano()
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.n+len(items) > k.max {
		clear(k.ws) // rare: more people in TTL than the bound; start afresh
		k.n = 0
	}
	for _, it := range items {
		w := k.ws[it.ws]
		if w == nil || w.mark != it.mark {
			if w != nil {
				k.n -= len(w.owners)
			}
			w = &knownWS{mark: it.mark, owners: map[customer.Identity]knownOwner{}}
			k.ws[it.ws] = w
		}
		if _, ok := w.owners[it.id]; !ok {
			k.n++
		}
		w.owners[it.id] = knownOwner{customer: it.customer, until: until}
	}
}
