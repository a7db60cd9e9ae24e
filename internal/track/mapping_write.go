package track

import (
	"context"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// CreateMapping stores a new mapping; an event name maps once per workspace.
func (in *Ingester) CreateMapping(ctx context.Context, workspaceID int64, actor string, m *Mapping) error {
	const op = "track.CreateMapping"
	if err := m.Validate(ctx, in.db, workspaceID); err != nil {
		return err
	}
	err := in.db.InTx(ctx, func(tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM event_mappings WHERE workspace_id = ? AND event = ?`, workspaceID, m.Event).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &errs.Error{Kind: errs.Exist, Field: "event", Msg: fmt.Sprintf("event %q is already mapped; change that mapping instead", m.Event)}
		}
		now := store.Millis(tx.Now)
		err := tx.QueryRow(ctx, `INSERT INTO event_mappings (workspace_id, event, touchpoint, channel, signal, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, workspaceID, m.Event, m.Touchpoint, m.Channel, m.Signal, now, now).Scan(&m.ID)
		if err != nil {
			return err
		}
		m.CreatedAt, m.UpdatedAt = store.Time(now), store.Time(now)
		return audit.Record(ctx, tx, workspaceID, actor, "event_mapping.create", fmt.Sprint("event_mapping/", m.ID), m)
	})
	in.Forget(workspaceID)
	return errs.Wrap(op, err)
}

// SaveMapping stores the fields of an existing mapping.
func (in *Ingester) SaveMapping(ctx context.Context, workspaceID int64, actor string, m *Mapping) error {
	const op = "track.SaveMapping"
	if err := m.Validate(ctx, in.db, workspaceID); err != nil {
		return err
	}
	err := in.db.InTx(ctx, func(tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM event_mappings WHERE workspace_id = ? AND event = ? AND id <> ?`,
			workspaceID, m.Event, m.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &errs.Error{Kind: errs.Exist, Field: "event", Msg: fmt.Sprintf("event %q is already mapped by another mapping", m.Event)}
		}
		res, err := tx.Exec(ctx, `UPDATE event_mappings SET event = ?, touchpoint = ?, channel = ?, signal = ?, updated_at = ?
			WHERE workspace_id = ? AND id = ?`, m.Event, m.Touchpoint, m.Channel, m.Signal, store.Millis(tx.Now), workspaceID, m.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(op, errs.NotExist, "event mapping %d does not exist in this workspace", m.ID)
		}
		return audit.Record(ctx, tx, workspaceID, actor, "event_mapping.update", fmt.Sprint("event_mapping/", m.ID), m)
	})
	in.Forget(workspaceID)
	return errs.Wrap(op, err)
}

// DeleteMapping removes a mapping; events already stored keep their fields.
func (in *Ingester) DeleteMapping(ctx context.Context, workspaceID int64, actor string, id int64) error {
	const op = "track.DeleteMapping"
	err := in.db.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM event_mappings WHERE workspace_id = ? AND id = ?`, workspaceID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errs.E(op, errs.NotExist, "event mapping %d does not exist in this workspace", id)
		}
		return audit.Record(ctx, tx, workspaceID, actor, "event_mapping.delete", fmt.Sprint("event_mapping/", id), nil)
	})
	in.Forget(workspaceID)
	return errs.Wrap(op, err)
}
