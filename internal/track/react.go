package track

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
)

// react does, in the group's transaction, what storing events sets off:
// every stored event is counted in the analytics rollups (one Rollup and
// one Flush for the workspace's share of the group), and events with a
// negative signal, the only ones loop rules act on, run the workspace's
// event rules — and only when it has an enabled one, so a workspace
// without them pays one small query per group, not one per event.
func react(ctx context.Context, tx *store.Tx, workspaceID int64, stored []*Event) error {
	if len(stored) == 0 {
		return nil
	}
	r, err := analytics.ForWorkspace(ctx, tx, workspaceID)
	if err != nil {
		return err
	}
	var negative []*Event
	for _, e := range stored {
		r.Event(e.OccurredAt, e.Touchpoint, e.Channel, e.Signal, 1)
		r.Reached(e.CustomerID, e.Touchpoint, e.OccurredAt)
		if e.Signal != nil && *e.Signal < 0 {
			negative = append(negative, e)
		}
	}
	if err := r.Flush(ctx, tx); err != nil {
		return err
	}
	if err := runEventRules(ctx, tx, workspaceID, negative); err != nil {
		return err
	}
	events := make([]*journey.Event, len(stored))
	for i, e := range stored {
		events[i] = &e.Event
	}
	return program.OnEvents(ctx, tx, workspaceID, events)
}

// runEventRules hands negative events to the loop's event rules.
func runEventRules(ctx context.Context, tx *store.Tx, workspaceID int64, events []*Event) error {
	if len(events) == 0 {
		return nil
	}
	all, err := loop.Rules(ctx, tx, workspaceID)
	if err != nil || !anyEventRule(all) {
		return err
	}
	if err := fillIDs(ctx, tx, workspaceID, events); err != nil {
		return err
	}
	for _, e := range events {
		if _, err := loop.OnEvent(ctx, tx, loop.Event{WorkspaceID: workspaceID, CustomerID: e.CustomerID, EventID: e.ID,
			Name: e.Name, Touchpoint: e.Touchpoint, Channel: e.Channel, Signal: e.Signal}); err != nil {
			return err
		}
	}
	return nil
}

func anyEventRule(all []rules.Rule) bool {
	for i := range all {
		if all[i].Enabled && all[i].Trigger.Kind == rules.OnEvent {
			return true
		}
	}
	return false
}

// fillIDs sets the row id of events stored without RETURNING.
func fillIDs(ctx context.Context, tx *store.Tx, workspaceID int64, events []*Event) error {
	byMsg := make(map[string]*Event, len(events))
	ids := make([]string, 0, len(events))
	for _, e := range events {
		if e.ID == 0 {
			byMsg[e.MessageID] = e
			ids = append(ids, e.MessageID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return chunks(len(ids), sqliteChunk, func(lo, hi int) error {
		args := []any{workspaceID}
		for _, id := range ids[lo:hi] {
			args = append(args, id)
		}
		rows, err := tx.Query(ctx, `SELECT id, message_id FROM events WHERE workspace_id = ? AND message_id IN (`+
			placeholders(hi-lo)+`)`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var msg string
			if err := rows.Scan(&id, &msg); err != nil {
				return err
			}
			byMsg[msg].ID = id
		}
		return rows.Err()
	})
}
