package customer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Limits that keep one profile from swallowing the database.
const (
	maxTraits     = 200
	maxTraitKey   = 128
	maxTraitBytes = 64 << 10
)

// ValidateTraits checks a traits patch: keys, count and size.
func ValidateTraits(t Traits) error {
	const op = "customer.ValidateTraits"
	if len(t) > maxTraits {
		return errs.Field(op, "traits", "at most %d traits, not %d", maxTraits, len(t))
	}
	size := 0
	for k, v := range t {
		if k == "" || len(k) > maxTraitKey || strings.ContainsAny(k, "\"\\") {
			return errs.Field(op, "traits", "trait name %q must be 1–%d characters without quotes or backslashes", k, maxTraitKey)
		}
		if !json.Valid(v) {
			return errs.Field(op, "traits", "trait %q is not valid JSON", k)
		}
		size += len(k) + len(v)
	}
	if size > maxTraitBytes {
		return errs.Field(op, "traits", "traits add up to %d bytes, more than %d", size, maxTraitBytes)
	}
	return nil
}

// patchTraits merges t into the stored traits: keys set to null are removed.
func patchTraits(ctx context.Context, tx *store.Tx, workspaceID, id int64, t Traits) error {
	q := `SELECT traits FROM customers WHERE workspace_id = ? AND id = ?`
	if tx.Dialect() == store.Postgres {
		q += " FOR UPDATE"
	}
	var raw []byte
	if err := tx.QueryRow(ctx, q, workspaceID, id).Scan(&raw); err != nil {
		return err
	}
	cur := Traits{}
	if err := json.Unmarshal(raw, &cur); err != nil {
		return err
	}
	for k, v := range t {
		cur[k] = v
	}
	body, err := encodeTraits(cur)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE customers SET traits = ?, updated_at = ? WHERE id = ?`, body, store.Millis(tx.Now), id)
	return err
}

// New is what a caller gives to create a customer.
type New struct {
	Traits     Traits     `json:"traits"`
	Identities []Identity `json:"identities"`
	Consent    []Consent  `json:"consent"`
}

// Then is work a caller adds to a customer change, run in the transaction
// that makes it: the follow-up loop's customer rules after traits
// changed, for one, without this package knowing of the loop.
type Then func(ctx context.Context, tx *store.Tx, workspaceID, customerID int64) error

func runThen(ctx context.Context, tx *store.Tx, workspaceID, customerID int64, then []Then) error {
	for _, f := range then {
		if err := f(ctx, tx, workspaceID, customerID); err != nil {
			return err
		}
	}
	return nil
}

// Create makes a new customer, then runs then in the same transaction. It
// fails with Exist, naming the owner, when any identity already belongs to
// a customer.
func Create(ctx context.Context, db *store.DB, workspaceID int64, region, actor string, n New, then ...Then) (*Customer, error) {
	const op = "customer.Create"
	ids, err := NormalizeAll(n.Identities, region)
	if err != nil {
		return nil, err
	}
	if err := ValidateTraits(n.Traits); err != nil {
		return nil, err
	}
	var id int64
	err = db.InTx(ctx, func(tx *store.Tx) error {
		if id, err = createTx(ctx, tx, workspaceID, ids, n); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, workspaceID, actor, "customer.create", fmt.Sprint("customer/", id), n); err != nil {
			return err
		}
		return runThen(ctx, tx, workspaceID, id, then)
	})
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	return Get(ctx, db, workspaceID, id)
}

func createTx(ctx context.Context, tx *store.Tx, workspaceID int64, ids []Identity, n New) (int64, error) {
	if err := ensureFree(ctx, tx, workspaceID, 0, ids); err != nil {
		return 0, err
	}
	id, err := insertCustomer(ctx, tx, workspaceID, n.Traits)
	if err != nil {
		return 0, err
	}
	for _, i := range ids {
		if err := mustClaim(ctx, tx, workspaceID, id, i); err != nil {
			return 0, err
		}
	}
	for _, c := range n.Consent {
		if err := RecordConsent(ctx, tx, workspaceID, id, c); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// ensureFree fails if any identity belongs to a customer other than self.
func ensureFree(ctx context.Context, tx *store.Tx, workspaceID, self int64, ids []Identity) error {
	if len(ids) == 0 {
		return nil
	}
	own, err := owners(ctx, tx, workspaceID, ids)
	if err != nil {
		return err
	}
	for _, i := range ids {
		if o, ok := own[i]; ok && o != self {
			return &errs.Error{Kind: errs.Exist, Field: "identities",
				Msg: fmt.Sprintf("%s %s already belongs to customer %d; merge the two customers instead", i.Kind, i.Value, o)}
		}
	}
	return nil
}

// mustClaim attaches an identity that ensureFree found free; a concurrent
// caller taking it in between makes this an Exist error.
func mustClaim(ctx context.Context, tx *store.Tx, workspaceID, customerID int64, id Identity) error {
	won, err := claimIdentity(ctx, tx, workspaceID, customerID, id)
	if err == nil && !won {
		err = &errs.Error{Kind: errs.Exist, Field: "identities", Msg: fmt.Sprintf("%s %s was just given to another customer", id.Kind, id.Value)}
	}
	return err
}

// Patch is a partial update of a customer.
type Patch struct {
	Traits           Traits     `json:"traits"`
	AddIdentities    []Identity `json:"add_identities"`
	RemoveIdentities []Identity `json:"remove_identities"`
	Consent          []Consent  `json:"consent"`
}

// Update applies a patch to a customer and runs then, all or nothing.
func Update(ctx context.Context, db *store.DB, workspaceID int64, region, actor string, id int64, p Patch, then ...Then) (*Customer, error) {
	const op = "customer.Update"
	add, err := NormalizeAll(p.AddIdentities, region)
	if err != nil {
		return nil, err
	}
	remove, err := NormalizeAll(p.RemoveIdentities, region)
	if err != nil {
		return nil, err
	}
	if err := ValidateTraits(p.Traits); err != nil {
		return nil, err
	}
	err = db.InTx(ctx, func(tx *store.Tx) error {
		c, err := get(ctx, tx, workspaceID, id)
		if err != nil {
			return err
		}
		if err := updateTx(ctx, tx, c.ID, workspaceID, add, remove, p); err != nil {
			return err
		}
		id = c.ID
		if err := audit.Record(ctx, tx, workspaceID, actor, "customer.update", fmt.Sprint("customer/", c.ID), p); err != nil {
			return err
		}
		return runThen(ctx, tx, workspaceID, c.ID, then)
	})
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	return Get(ctx, db, workspaceID, id)
}

func updateTx(ctx context.Context, tx *store.Tx, id, workspaceID int64, add, remove []Identity, p Patch) error {
	if err := ensureFree(ctx, tx, workspaceID, id, add); err != nil {
		return err
	}
	own, err := owners(ctx, tx, workspaceID, add)
	if err != nil {
		return err
	}
	for _, i := range add {
		if _, mine := own[i]; !mine {
			if err := mustClaim(ctx, tx, workspaceID, id, i); err != nil {
				return err
			}
		}
	}
	for _, i := range remove {
		if _, err := tx.Exec(ctx, `DELETE FROM identities WHERE workspace_id = ? AND customer_id = ? AND kind = ? AND value = ?`,
			workspaceID, id, string(i.Kind), i.Value); err != nil {
			return err
		}
	}
	for _, c := range p.Consent {
		if err := RecordConsent(ctx, tx, workspaceID, id, c); err != nil {
			return err
		}
	}
	return patchTraits(ctx, tx, workspaceID, id, p.Traits)
}
