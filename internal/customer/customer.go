package customer

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Customer is one person the business serves, however many channels they
// use. MergedFrom lists profiles explicitly merged into this one; their
// history belongs to this customer now.
type Customer struct {
	ID          int64      `json:"id"`
	WorkspaceID int64      `json:"workspace_id"`
	Traits      Traits     `json:"traits"`
	Identities  []Identity `json:"identities"`
	Consent     []Consent  `json:"consent"`
	MergedFrom  []int64    `json:"merged_from"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Traits are free facts about a customer: name, city, birthday, has_kids…
// Values stay raw JSON so numbers and text round-trip exactly.
type Traits map[string]json.RawMessage

// queryer is what reads need: the database or a transaction.
type queryer interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Get returns the customer with id in the workspace. Asking for a profile
// that was merged away returns the profile it was merged into.
func Get(ctx context.Context, db *store.DB, workspaceID, id int64) (*Customer, error) {
	return get(ctx, db, workspaceID, id)
}

func get(ctx context.Context, q queryer, workspaceID, id int64) (*Customer, error) {
	c, into, err := loadRow(ctx, q, workspaceID, id)
	if err != nil {
		return nil, err
	}
	if into != 0 {
		if c, _, err = loadRow(ctx, q, workspaceID, into); err != nil {
			return nil, err
		}
	}
	if c.MergedFrom, err = mergedFrom(ctx, q, c.ID); err != nil {
		return nil, err
	}
	if c.Identities, err = identitiesOf(ctx, q, c.ID); err != nil {
		return nil, err
	}
	if c.Consent, err = currentConsent(ctx, q, c.Members()); err != nil {
		return nil, err
	}
	return c, nil
}

// Members returns the customer's own id and every id merged into it: the
// ids its history is recorded under.
func (c *Customer) Members() []int64 { return append([]int64{c.ID}, c.MergedFrom...) }

func loadRow(ctx context.Context, q queryer, workspaceID, id int64) (*Customer, int64, error) {
	c := &Customer{WorkspaceID: workspaceID}
	var traits []byte
	var into sql.NullInt64
	var created, updated int64
	err := q.QueryRow(ctx, `SELECT id, traits, merged_into, created_at, updated_at
		FROM customers WHERE workspace_id = ? AND id = ?`, workspaceID, id).
		Scan(&c.ID, &traits, &into, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, errs.E("customer.Get", errs.NotExist, "customer %d does not exist in this workspace", id)
	}
	if err != nil {
		return nil, 0, errs.Wrap("customer.Get", err)
	}
	if err := json.Unmarshal(traits, &c.Traits); err != nil {
		return nil, 0, errs.Wrap("customer.Get", err)
	}
	c.CreatedAt, c.UpdatedAt = store.Time(created), store.Time(updated)
	return c, into.Int64, nil
}

func mergedFrom(ctx context.Context, q queryer, id int64) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM customers WHERE merged_into = ? ORDER BY id`, id)
	if err != nil {
		return nil, errs.Wrap("customer.mergedFrom", err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var m int64
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		ids = append(ids, m)
	}
	return ids, rows.Err()
}

func identitiesOf(ctx context.Context, q queryer, id int64) ([]Identity, error) {
	rows, err := q.Query(ctx, `SELECT kind, value FROM identities WHERE customer_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, errs.Wrap("customer.identities", err)
	}
	defer rows.Close()
	out := []Identity{}
	for rows.Next() {
		var i Identity
		var kind string
		if err := rows.Scan(&kind, &i.Value); err != nil {
			return nil, err
		}
		i.Kind = Kind(kind)
		out = append(out, i)
	}
	return out, rows.Err()
}

// Lookup finds the customer who owns an identity, written in any format.
func Lookup(ctx context.Context, db *store.DB, workspaceID int64, region string, kind Kind, raw string) (*Customer, error) {
	value, err := Normalize(kind, raw, region)
	if err != nil {
		return nil, err
	}
	var id int64
	err = db.QueryRow(ctx, `SELECT customer_id FROM identities WHERE workspace_id = ? AND kind = ? AND value = ?`,
		workspaceID, string(kind), value).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E("customer.Lookup", errs.NotExist, "no customer has %s %s", kind, value)
	}
	if err != nil {
		return nil, errs.Wrap("customer.Lookup", err)
	}
	return Get(ctx, db, workspaceID, id)
}
