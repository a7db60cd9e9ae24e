package track

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/store"
)

// write stores what assign decided: new customers, traits, identities and
// conflicts, then gives every event its real customer id. It returns the
// customers whose traits the group set.
func (r *resolution) write(ctx context.Context, tx *store.Tx, events []*Event) ([]int64, error) {
	real, err := r.createCustomers(ctx, tx)
	if err != nil {
		return nil, err
	}
	id := func(c int64) int64 {
		if c < 0 {
			return real[-c-1]
		}
		return c
	}
	for _, e := range events {
		e.CustomerID = id(e.CustomerID)
	}
	if err := r.patchTraits(ctx, tx); err != nil {
		return nil, err
	}
	traited := make([]int64, 0, len(r.newTraits))
	for c, t := range r.newTraits {
		if len(t) > 0 {
			traited = append(traited, id(c))
		}
	}
	slices.Sort(traited) // one order for every node's locks
	for i := range r.idents {
		r.idents[i].customer = id(r.idents[i].customer)
	}
	if err := insertIdentities(ctx, tx, r.ws, r.idents); err != nil {
		return nil, err
	}
	for c := range r.conflicts {
		if _, err := tx.Exec(ctx, `INSERT INTO identity_conflicts (workspace_id, customer_id, other_id, kind, value, at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			r.ws, id(c.customer), id(c.other), string(c.id.Kind), c.id.Value, store.Millis(tx.Now)); err != nil {
			return nil, err
		}
	}
	return traited, nil
}

// createCustomers inserts the customers the group created, with the
// traits their events carried, and returns their ids in creation order.
func (r *resolution) createCustomers(ctx context.Context, tx *store.Tx) ([]int64, error) {
	if r.created == 0 {
		return nil, nil
	}
	ids, err := allocateCustomerIDs(ctx, tx, r.created)
	if err != nil {
		return nil, err
	}
	traits := make([]string, r.created)
	for i := range traits {
		traits[i] = encodeTraits(r.newTraits[-int64(i+1)])
	}
	now := store.Millis(tx.Now)
	if tx.Dialect() == store.Postgres {
		_, err = tx.Exec(ctx, `INSERT INTO customers (id, workspace_id, traits, created_at, updated_at)
			SELECT i, ?, t::jsonb, ?, ? FROM unnest(?::bigint[], ?::text[]) AS u(i, t)`, r.ws, now, now, ids, traits)
		return ids, err
	}
	return ids, chunks(len(ids), sqliteChunk, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*5)
		for i := lo; i < hi; i++ {
			args = append(args, ids[i], r.ws, traits[i], now, now)
		}
		_, err := tx.Exec(ctx, `INSERT INTO customers (id, workspace_id, traits, created_at, updated_at) VALUES `+
			valuesList(hi-lo, 5), args...)
		return err
	})
}

// allocateCustomerIDs reserves n customer ids: from the identity sequence
// on PostgreSQL, after the largest id on SQLite, whose single writer holds
// the database for this transaction.
func allocateCustomerIDs(ctx context.Context, tx *store.Tx, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if tx.Dialect() == store.Postgres {
		rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('customers', 'id')) FROM generate_series(1, ?)`, n)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		return ids, rows.Err()
	}
	var top int64
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM customers`).Scan(&top); err != nil {
		return nil, err
	}
	for i := range n {
		ids = append(ids, top+int64(i)+1)
	}
	return ids, nil
}

// patchTraits merges traits into customers that existed before the group.
func (r *resolution) patchTraits(ctx context.Context, tx *store.Tx) error {
	q := `SELECT traits FROM customers WHERE workspace_id = ? AND id = ?`
	if tx.Dialect() == store.Postgres {
		q += " FOR UPDATE"
	}
	for id, t := range r.newTraits {
		if id < 0 {
			continue
		}
		var raw []byte
		if err := tx.QueryRow(ctx, q, r.ws, id).Scan(&raw); err != nil {
			return err
		}
		cur := customer.Traits{}
		if err := json.Unmarshal(raw, &cur); err != nil {
			return err
		}
		for k, v := range t {
			cur[k] = v
		}
		if _, err := tx.Exec(ctx, `UPDATE customers SET traits = ?, updated_at = ? WHERE id = ?`,
			encodeTraits(cur), store.Millis(tx.Now), id); err != nil {
			return err
		}
	}
	return nil
}

func insertIdentities(ctx context.Context, tx *store.Tx, workspaceID int64, rows []owned) error {
	if len(rows) == 0 {
		return nil
	}
	now := store.Millis(tx.Now)
	if tx.Dialect() == store.Postgres {
		cust, kind, val := make([]int64, len(rows)), make([]string, len(rows)), make([]string, len(rows))
		for i, o := range rows {
			cust[i], kind[i], val[i] = o.customer, string(o.id.Kind), o.id.Value
		}
		_, err := tx.Exec(ctx, `INSERT INTO identities (workspace_id, customer_id, kind, value, created_at)
			SELECT ?, c, k, v, ? FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(c, k, v)`, workspaceID, now, cust, kind, val)
		return err
	}
	return chunks(len(rows), sqliteChunk, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*5)
		for _, o := range rows[lo:hi] {
			args = append(args, workspaceID, o.customer, string(o.id.Kind), o.id.Value, now)
		}
		_, err := tx.Exec(ctx, `INSERT INTO identities (workspace_id, customer_id, kind, value, created_at) VALUES `+
			valuesList(hi-lo, 5), args...)
		return err
	})
}
