package track

import (
	"context"
	"encoding/json"
	"sort"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/store"
)

// resolution is the identity work of one group for one workspace, done in
// memory first and written in a handful of bulk statements after, so a
// batch costs a few queries however many events and repeats it holds.
// It follows customer.Resolve's rules: the strongest known identity picks
// the customer, unknown identities join it, and identities owned by
// another customer are recorded as conflicts, never merged.
type resolution struct {
	ws        int64
	owners    map[customer.Identity]int64 // negative ids are customers created in this group
	created   int                         // customers created, numbered -1, -2, …
	newTraits map[int64]customer.Traits   // traits to merge, by customer
	idents    []owned                     // identities to attach
	conflicts map[conflict]bool
}

type owned struct {
	customer int64
	id       customer.Identity
}

type conflict struct {
	customer, other int64
	id              customer.Identity
}

// resolve sets CustomerID on every event, creating customers and
// attaching identities as needed. Identities this node knows skip the
// look-up and the lock; the others are locked and read in bulk. What the
// group read or attached is added to learned, for the cache to take once
// the transaction commits. It returns the customers whose traits the
// group set, for the programs that plan from traits.
func resolve(ctx context.Context, tx *store.Tx, workspaceID int64, events []*Event, k *known, learned *[]learnt) ([]int64, error) {
	r := &resolution{ws: workspaceID, newTraits: map[int64]customer.Traits{}, conflicts: map[conflict]bool{}}
	mark, err := readMergeMark(ctx, tx, workspaceID)
	if err != nil {
		return nil, err
	}
	all := distinctIdentities(events)
	r.owners = k.owners(workspaceID, mark, all, tx.Now)
	unknown := all
	if len(r.owners) > 0 {
		unknown = make([]customer.Identity, 0, len(all)-len(r.owners))
		for _, id := range all {
			if _, ok := r.owners[id]; !ok {
				unknown = append(unknown, id)
			}
		}
	}
	if err := lockIdentities(ctx, tx, workspaceID, unknown); err != nil {
		return nil, err
	}
	if err := loadOwners(ctx, tx, workspaceID, unknown, r.owners); err != nil {
		return nil, err
	}
	for _, id := range unknown {
		if c, ok := r.owners[id]; ok {
			*learned = append(*learned, learnt{ws: workspaceID, mark: mark, id: id, customer: c})
		}
	}
	for _, e := range events {
		e.CustomerID = r.assign(e)
	}
	traited, err := r.write(ctx, tx, events)
	if err != nil {
		return nil, err
	}
	for _, o := range r.idents {
		*learned = append(*learned, learnt{ws: workspaceID, mark: mark, id: o.id, customer: o.customer})
	}
	return traited, nil
}

// assign picks the event's customer, in memory.
func (r *resolution) assign(e *Event) int64 {
	var cust int64
	for _, id := range e.Identities { // strongest first
		if o, ok := r.owners[id]; ok {
			cust = o
			break
		}
	}
	if cust == 0 {
		r.created++
		cust = -int64(r.created)
	}
	for _, id := range e.Identities {
		switch o, ok := r.owners[id]; {
		case !ok:
			r.owners[id] = cust
			r.idents = append(r.idents, owned{cust, id})
		case o != cust:
			r.conflicts[conflict{cust, o, id}] = true
		}
	}
	if len(e.Traits) > 0 {
		t := r.newTraits[cust]
		if t == nil {
			t = customer.Traits{}
			r.newTraits[cust] = t
		}
		for k, v := range e.Traits {
			t[k] = v
		}
	}
	return cust
}

func distinctIdentities(events []*Event) []customer.Identity {
	seen := map[customer.Identity]bool{}
	var out []customer.Identity
	for _, e := range events {
		for _, id := range e.Identities {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// lockIdentities takes, on PostgreSQL, the same advisory locks as
// customer.Resolve, all in one statement and in one sorted order, so
// groups committing on several nodes cannot resolve one identity twice
// nor deadlock. SQLite's single writer already serialises them.
func lockIdentities(ctx context.Context, tx *store.Tx, workspaceID int64, ids []customer.Identity) error {
	if tx.Dialect() != store.Postgres || len(ids) == 0 {
		return nil
	}
	keys := make([]string, len(ids))
	prefix := strconv.FormatInt(workspaceID, 10) + "|"
	for i, id := range ids {
		keys[i] = prefix + string(id.Kind) + "|" + id.Value
	}
	sort.Strings(keys)
	_, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(?::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i`, keys)
	return err
}

// loadOwners adds to out the customers that own any of ids, one query
// per kind.
func loadOwners(ctx context.Context, tx *store.Tx, workspaceID int64, ids []customer.Identity, out map[customer.Identity]int64) error {
	byKind := map[customer.Kind][]string{}
	for _, id := range ids {
		byKind[id.Kind] = append(byKind[id.Kind], id.Value)
	}
	for kind, vals := range byKind {
		if err := ownersOfKind(ctx, tx, workspaceID, kind, vals, out); err != nil {
			return err
		}
	}
	return nil
}

// ownersPG probes the identities' unique index once per value.
const ownersPG = `SELECT u.v, i.customer_id FROM unnest(?::text[]) AS u(v) CROSS JOIN LATERAL
	(SELECT customer_id FROM identities WHERE workspace_id = ? AND kind = ? AND value = u.v LIMIT 1) i`

func ownersOfKind(ctx context.Context, tx *store.Tx, workspaceID int64, kind customer.Kind, vals []string, out map[customer.Identity]int64) error {
	scan := func(q string, args ...any) error {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v string
			var owner int64
			if err := rows.Scan(&v, &owner); err != nil {
				return err
			}
			out[customer.Identity{Kind: kind, Value: v}] = owner
		}
		return rows.Err()
	}
	const q = `SELECT value, customer_id FROM identities WHERE workspace_id = ? AND kind = ? AND value `
	if tx.Dialect() == store.Postgres {
		// One probe of the unique index per value, as in storedIDs.
		return scan(ownersPG, vals, workspaceID, string(kind))
	}
	return chunks(len(vals), sqliteChunk, func(lo, hi int) error {
		args := []any{workspaceID, string(kind)}
		for _, v := range vals[lo:hi] {
			args = append(args, v)
		}
		return scan(q+`IN (`+placeholders(hi-lo)+`)`, args...)
	})
}

// encodeTraits renders traits as a JSON object, dropping keys set to null
// (the spec's way to remove a trait).
func encodeTraits(t customer.Traits) string {
	clean := make(customer.Traits, len(t))
	for k, v := range t {
		if string(v) != "null" {
			clean[k] = v
		}
	}
	b, _ := json.Marshal(clean) // values were checked as JSON on the way in
	return string(b)
}
