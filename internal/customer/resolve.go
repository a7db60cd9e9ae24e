package customer

import (
	"context"
	"encoding/json"
	"sort"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Resolution says which customer a set of identities landed on.
type Resolution struct {
	CustomerID int64
	Created    bool
	// Conflicts are identities that belong to another customer. They are
	// recorded for a person to review and never merged silently.
	Conflicts []Conflict
}

// Conflict is an identity the call carried that belongs to another customer.
type Conflict struct {
	Identity
	OtherID int64 `json:"other_id"`
}

// NormalizeAll normalises every identity; the first bad one is the error.
func NormalizeAll(ids []Identity, region string) ([]Identity, error) {
	out := make([]Identity, 0, len(ids))
	seen := map[Identity]bool{}
	for _, id := range ids {
		v, err := Normalize(id.Kind, id.Value, region)
		if err != nil {
			return nil, err
		}
		n := Identity{Kind: id.Kind, Value: v}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Kind.rank() < out[j].Kind.rank() })
	return out, nil
}

// Resolve finds or creates the customer that normalised identities ids
// belong to, attaches the identities that are new, and merges traits into
// the profile. Identities owned by another customer become Conflicts.
func Resolve(ctx context.Context, tx *store.Tx, workspaceID int64, ids []Identity, traits Traits) (Resolution, error) {
	const op = "customer.Resolve"
	if len(ids) == 0 {
		return Resolution{}, errs.E(op, errs.Invalid, "at least one identity is needed to find a customer")
	}
	owners, err := owners(ctx, tx, workspaceID, ids)
	if err != nil {
		return Resolution{}, errs.Wrap(op, err)
	}
	var res Resolution
	for _, id := range ids { // strongest first: the first known identity decides
		if o, ok := owners[id]; ok {
			res.CustomerID = o
			break
		}
	}
	if res.CustomerID == 0 {
		if res.CustomerID, err = insertCustomer(ctx, tx, workspaceID, traits); err != nil {
			return res, errs.Wrap(op, err)
		}
		res.Created = true
	} else if len(traits) > 0 {
		if err := patchTraits(ctx, tx, workspaceID, res.CustomerID, traits); err != nil {
			return res, errs.Wrap(op, err)
		}
	}
	return res, errs.Wrap(op, attach(ctx, tx, workspaceID, &res, ids, owners, traits))
}

// attach adds the unowned identities to the resolved customer and records
// the ones another customer owns as conflicts.
func attach(ctx context.Context, tx *store.Tx, workspaceID int64, res *Resolution, ids []Identity, owners map[Identity]int64, traits Traits) error {
	for _, id := range ids {
		o, ok := owners[id]
		if !ok {
			won, err := claimIdentity(ctx, tx, workspaceID, res.CustomerID, id)
			if err != nil {
				return err
			}
			if won {
				continue
			}
			// Another node committed this identity after we looked.
			if o, err = ownerOf(ctx, tx, workspaceID, id); err != nil {
				return err
			}
			if res.Created {
				if err := adopt(ctx, tx, workspaceID, res, o, traits); err != nil {
					return err
				}
				continue
			}
		}
		if o != res.CustomerID {
			res.Conflicts = append(res.Conflicts, Conflict{Identity: id, OtherID: o})
			if err := recordConflict(ctx, tx, workspaceID, res.CustomerID, o, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// adopt hands what this call created to the customer another node created
// for the same person at the same moment: the identities attached so far
// and the traits move to owner, and the new, empty profile is removed.
// This keeps resolution free of locks, which a long ingestion transaction
// would pile up by the thousand.
func adopt(ctx context.Context, tx *store.Tx, workspaceID int64, res *Resolution, owner int64, traits Traits) error {
	if _, err := tx.Exec(ctx, `UPDATE identities SET customer_id = ? WHERE customer_id = ?`, owner, res.CustomerID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM customers WHERE id = ?`, res.CustomerID); err != nil {
		return err
	}
	res.CustomerID, res.Created = owner, false
	if len(traits) == 0 {
		return nil
	}
	return patchTraits(ctx, tx, workspaceID, owner, traits)
}

func ownerOf(ctx context.Context, tx *store.Tx, workspaceID int64, id Identity) (int64, error) {
	var o int64
	err := tx.QueryRow(ctx, `SELECT customer_id FROM identities WHERE workspace_id = ? AND kind = ? AND value = ?`,
		workspaceID, string(id.Kind), id.Value).Scan(&o)
	return o, err
}

func owners(ctx context.Context, tx *store.Tx, workspaceID int64, ids []Identity) (map[Identity]int64, error) {
	out := map[Identity]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	// One indexed lookup per identity, in one round trip: an OR of
	// (kind, value) pairs makes SQLite scan the table instead.
	branches := make([]string, len(ids))
	args := make([]any, 0, 3*len(ids))
	for i, id := range ids {
		branches[i] = `SELECT kind, value, customer_id FROM identities WHERE workspace_id = ? AND kind = ? AND value = ?`
		args = append(args, workspaceID, string(id.Kind), id.Value)
	}
	rows, err := tx.Query(ctx, strings.Join(branches, " UNION ALL "), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id Identity
		var kind string
		var owner int64
		if err := rows.Scan(&kind, &id.Value, &owner); err != nil {
			return nil, err
		}
		id.Kind = Kind(kind)
		out[id] = owner
	}
	return out, rows.Err()
}

func insertCustomer(ctx context.Context, tx *store.Tx, workspaceID int64, traits Traits) (int64, error) {
	body, err := encodeTraits(traits)
	if err != nil {
		return 0, err
	}
	var id int64
	now := store.Millis(tx.Now)
	err = tx.QueryRow(ctx, `INSERT INTO customers (workspace_id, traits, created_at, updated_at)
		VALUES (?, ?, ?, ?) RETURNING id`, workspaceID, body, now, now).Scan(&id)
	return id, err
}

// claimIdentity attaches id to customerID unless some customer already
// has it, and reports whether it did. On PostgreSQL a concurrent insert of
// the same identity waits for the other transaction and then loses.
func claimIdentity(ctx context.Context, tx *store.Tx, workspaceID, customerID int64, id Identity) (bool, error) {
	res, err := tx.Exec(ctx, `INSERT INTO identities (workspace_id, customer_id, kind, value, created_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id, kind, value) DO NOTHING`,
		workspaceID, customerID, string(id.Kind), id.Value, store.Millis(tx.Now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func recordConflict(ctx context.Context, tx *store.Tx, workspaceID, customerID, otherID int64, id Identity) error {
	_, err := tx.Exec(ctx, `INSERT INTO identity_conflicts (workspace_id, customer_id, other_id, kind, value, at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		workspaceID, customerID, otherID, string(id.Kind), id.Value, store.Millis(tx.Now))
	return err
}

// encodeTraits stores traits as a JSON object; nil becomes {}.
func encodeTraits(t Traits) (string, error) {
	if t == nil {
		return "{}", nil
	}
	clean := Traits{}
	for k, v := range t {
		if string(v) != "null" {
			clean[k] = v
		}
	}
	b, err := json.Marshal(clean)
	return string(b), err
}
