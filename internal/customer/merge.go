package customer

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Merge is the record of one customer merged into another: enough to undo it.
type Merge struct {
	ID       int64      `json:"id"`
	IntoID   int64      `json:"into_id"`
	FromID   int64      `json:"from_id"`
	Actor    string     `json:"actor"`
	At       time.Time  `json:"at"`
	UndoneAt *time.Time `json:"undone_at,omitempty"`
}

// undoLog is what a merge changed, stored with it so Unmerge can reverse it.
type undoLog struct {
	Identities []int64 `json:"identities"` // identity rows moved from → into
	Customers  []int64 `json:"customers"`  // profiles earlier merged into from
	Traits     Traits  `json:"traits"`     // traits filled on into from from
}

// MergeInto merges customer fromID into intoID: identities move, traits
// fill gaps (into's values win), and from's history shows on into. It is
// logged and can be undone with Unmerge.
func MergeInto(ctx context.Context, db *store.DB, workspaceID, intoID, fromID int64, actor string) (*Merge, error) {
	const op = "customer.Merge"
	if intoID == fromID {
		return nil, errs.Field(op, "from", "a customer cannot be merged into itself")
	}
	var m *Merge
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if m, err = mergeTx(ctx, tx, workspaceID, intoID, fromID, actor); err != nil {
			return err
		}
		return audit.Record(ctx, tx, workspaceID, actor, "customer.merge", fmt.Sprint("customer/", intoID), m)
	})
	return m, errs.Wrap(op, err)
}

func mergeTx(ctx context.Context, tx *store.Tx, workspaceID, intoID, fromID int64, actor string) (*Merge, error) {
	into, from, err := livePair(ctx, tx, workspaceID, intoID, fromID)
	if err != nil {
		return nil, err
	}
	var u undoLog
	if u.Identities, err = idsWhere(ctx, tx, `SELECT id FROM identities WHERE customer_id = ?`, from.ID); err != nil {
		return nil, err
	}
	if u.Customers, err = idsWhere(ctx, tx, `SELECT id FROM customers WHERE merged_into = ?`, from.ID); err != nil {
		return nil, err
	}
	u.Traits = Traits{}
	for k, v := range from.Traits {
		if _, ok := into.Traits[k]; !ok {
			u.Traits[k] = v
		}
	}
	if err := applyMerge(ctx, tx, workspaceID, into.ID, from.ID, u); err != nil {
		return nil, err
	}
	m := &Merge{IntoID: into.ID, FromID: from.ID, Actor: actor, At: tx.Now}
	body, _ := json.Marshal(u)
	err = tx.QueryRow(ctx, `INSERT INTO merges (workspace_id, into_id, from_id, actor, undo, at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, workspaceID, into.ID, from.ID, actor, string(body), store.Millis(tx.Now)).Scan(&m.ID)
	return m, err
}

// livePair loads both customers and checks neither was merged away.
func livePair(ctx context.Context, tx *store.Tx, workspaceID, intoID, fromID int64) (*Customer, *Customer, error) {
	into, intoMerged, err := loadRow(ctx, tx, workspaceID, intoID)
	if err != nil {
		return nil, nil, err
	}
	from, fromMerged, err := loadRow(ctx, tx, workspaceID, fromID)
	if err != nil {
		return nil, nil, err
	}
	if intoMerged != 0 || fromMerged != 0 {
		return nil, nil, &errs.Error{Kind: errs.Conflict, Msg: "one of these customers was already merged into another; merge the surviving profiles"}
	}
	return into, from, nil
}

func applyMerge(ctx context.Context, tx *store.Tx, workspaceID, intoID, fromID int64, u undoLog) error {
	steps := []struct {
		q    string
		args []any
	}{
		{`UPDATE identities SET customer_id = ? WHERE customer_id = ?`, []any{intoID, fromID}},
		{`UPDATE customers SET merged_into = ? WHERE merged_into = ?`, []any{intoID, fromID}},
		{`UPDATE customers SET merged_into = ?, updated_at = ? WHERE id = ?`, []any{intoID, store.Millis(tx.Now), fromID}},
	}
	for _, s := range steps {
		if _, err := tx.Exec(ctx, s.q, s.args...); err != nil {
			return err
		}
	}
	if len(u.Traits) == 0 {
		return nil
	}
	return patchTraits(ctx, tx, workspaceID, intoID, u.Traits)
}

// Unmerge undoes a merge: the merged-away profile comes back with its
// identities, and traits it filled are removed unless changed since.
func Unmerge(ctx context.Context, db *store.DB, workspaceID, mergeID int64, actor string) error {
	const op = "customer.Unmerge"
	err := db.InTx(ctx, func(tx *store.Tx) error {
		m, u, err := loadMerge(ctx, tx, workspaceID, mergeID)
		if err != nil {
			return err
		}
		if err := reverse(ctx, tx, workspaceID, m, u); err != nil {
			return err
		}
		return audit.Record(ctx, tx, workspaceID, actor, "customer.unmerge", fmt.Sprint("customer/", m.IntoID), m)
	})
	return errs.Wrap(op, err)
}

func loadMerge(ctx context.Context, tx *store.Tx, workspaceID, id int64) (*Merge, *undoLog, error) {
	m := &Merge{ID: id}
	var body []byte
	var undone sql.NullInt64
	err := tx.QueryRow(ctx, `SELECT into_id, from_id, undo, undone_at FROM merges WHERE workspace_id = ? AND id = ?`,
		workspaceID, id).Scan(&m.IntoID, &m.FromID, &body, &undone)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errs.E("customer.Unmerge", errs.NotExist, "merge %d does not exist in this workspace", id)
	}
	if err != nil {
		return nil, nil, err
	}
	if undone.Valid {
		return nil, nil, errs.E("customer.Unmerge", errs.Conflict, "merge %d was already undone", id)
	}
	var u undoLog
	return m, &u, json.Unmarshal(body, &u)
}

func reverse(ctx context.Context, tx *store.Tx, workspaceID int64, m *Merge, u *undoLog) error {
	now := store.Millis(tx.Now)
	if _, err := tx.Exec(ctx, `UPDATE customers SET merged_into = NULL, updated_at = ? WHERE id = ?`, now, m.FromID); err != nil {
		return err
	}
	for _, id := range u.Identities {
		if _, err := tx.Exec(ctx, `UPDATE identities SET customer_id = ? WHERE id = ?`, m.FromID, id); err != nil {
			return err
		}
	}
	for _, id := range u.Customers {
		if _, err := tx.Exec(ctx, `UPDATE customers SET merged_into = ? WHERE id = ?`, m.FromID, id); err != nil {
			return err
		}
	}
	if err := unfillTraits(ctx, tx, workspaceID, m.IntoID, u.Traits); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `UPDATE merges SET undone_at = ? WHERE id = ?`, now, m.ID)
	return err
}

// unfillTraits removes traits a merge filled, if they still hold the
// merged-in value; a value someone set since is kept.
func unfillTraits(ctx context.Context, tx *store.Tx, workspaceID, id int64, filled Traits) error {
	c, _, err := loadRow(ctx, tx, workspaceID, id)
	if err != nil {
		return err
	}
	patch := Traits{}
	for k, v := range filled {
		if sameJSON(c.Traits[k], v) {
			patch[k] = json.RawMessage("null")
		}
	}
	if len(patch) == 0 {
		return nil
	}
	return patchTraits(ctx, tx, workspaceID, id, patch)
}

// sameJSON compares two JSON values by meaning; PostgreSQL's jsonb may
// respace or reorder what it stored.
func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

func idsWhere(ctx context.Context, tx *store.Tx, query string, arg int64) ([]int64, error) {
	rows, err := tx.Query(ctx, query, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
