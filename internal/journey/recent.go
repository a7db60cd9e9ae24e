package journey

import (
	"context"
	"database/sql"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// RecentEvents returns up to limit of workspaceID's latest events at the
// touchpoint, newest first.
func RecentEvents(ctx context.Context, db *store.DB, workspaceID int64, touchpoint string, limit int) ([]Event, error) {
	const op = "journey.RecentEvents"
	rows, err := db.Query(ctx, `SELECT id, customer_id, message_id, type, name, touchpoint, channel, signal,
		properties, occurred_at, received_at FROM events WHERE workspace_id = ? AND touchpoint = ?
		ORDER BY occurred_at DESC, id DESC LIMIT ?`, workspaceID, touchpoint, limit)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		e := Event{WorkspaceID: workspaceID}
		var signal sql.NullInt64
		var props string
		var occurred, received int64
		if err := rows.Scan(&e.ID, &e.CustomerID, &e.MessageID, &e.Type, &e.Name, &e.Touchpoint, &e.Channel,
			&signal, &props, &occurred, &received); err != nil {
			return nil, errs.Wrap(op, err)
		}
		if signal.Valid {
			v := int(signal.Int64)
			e.Signal = &v
		}
		e.Properties = []byte(props)
		e.OccurredAt, e.ReceivedAt = store.Time(occurred), store.Time(received)
		out = append(out, e)
	}
	return out, errs.Wrap(op, rows.Err())
}

// CountEvents counts workspaceID's events.
func CountEvents(ctx context.Context, db *store.DB, workspaceID int64) (int, error) {
	var n int
	err := db.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE workspace_id = ?`, workspaceID).Scan(&n)
	return n, errs.Wrap("journey.CountEvents", err)
}
