package journey

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

// Event is one interaction at a touchpoint: a visit, a call, a purchase, a
// late delivery. Signal says how the moment felt, from −2 to +2.
type Event struct {
	ID          int64           `json:"id"`
	WorkspaceID int64           `json:"-"`
	CustomerID  int64           `json:"customer_id"`
	MessageID   string          `json:"message_id"`
	Type        string          `json:"type"` // track, identify, page, screen, group, alias
	Name        string          `json:"name"`
	Touchpoint  string          `json:"touchpoint,omitempty"`
	Channel     string          `json:"channel,omitempty"`
	Signal      *int            `json:"signal,omitempty"`
	Properties  json.RawMessage `json:"properties"`
	Context     json.RawMessage `json:"context"`
	OccurredAt  time.Time       `json:"occurred_at"`
	ReceivedAt  time.Time       `json:"received_at"`
}

// ValidSignal reports whether s is a signal on the −2…+2 scale.
func ValidSignal(s int) bool { return s >= -2 && s <= 2 }

func jsonOrEmpty(b json.RawMessage) string {
	if len(b) == 0 {
		return "{}"
	}
	return string(b)
}

const insertEventSQL = `INSERT INTO events (workspace_id, customer_id, message_id, type, name, touchpoint,
	channel, signal, properties, context, occurred_at, received_at, has_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (workspace_id, message_id) DO NOTHING`

// InsertEvent stores e unless its message id was seen in the workspace,
// and reports whether it was new.
func InsertEvent(ctx context.Context, tx *store.Tx, e *Event) (bool, error) {
	if err := validateEvent(e); err != nil {
		return false, err
	}
	res, err := tx.Exec(ctx, insertEventSQL, eventArgs(e)...)
	isNew, err := inserted(res, err)
	if !isNew || err != nil {
		return isNew, err
	}
	r, err := analytics.ForWorkspace(ctx, tx, e.WorkspaceID)
	if err != nil {
		return false, errs.Wrap("journey.InsertEvent", err)
	}
	countEvent(r, e)
	return true, errs.Wrap("journey.InsertEvent", r.Flush(ctx, tx))
}

// countEvent adds a new event to the analytics rollups.
func countEvent(r *analytics.Rollup, e *Event) {
	r.Event(e.OccurredAt, e.Touchpoint, e.Channel, e.Signal, 1)
	r.Reached(e.CustomerID, e.Touchpoint, e.OccurredAt)
}

// EventWriter inserts many events in one transaction through one prepared
// statement, for loaders that write thousands at a time, and adds them to
// the analytics rollups in one go when closed.
type EventWriter struct {
	tx      *store.Tx
	stmt    *sql.Stmt
	rollups map[int64]*analytics.Rollup
}

// NewEventWriter prepares the insert in tx; Close it before committing.
func NewEventWriter(ctx context.Context, tx *store.Tx) (*EventWriter, error) {
	stmt, err := tx.Prepare(ctx, insertEventSQL)
	return &EventWriter{tx: tx, stmt: stmt, rollups: map[int64]*analytics.Rollup{}}, errs.Wrap("journey.NewEventWriter", err)
}

// Insert stores e like InsertEvent does.
func (w *EventWriter) Insert(ctx context.Context, e *Event) (bool, error) {
	if err := validateEvent(e); err != nil {
		return false, err
	}
	res, err := w.stmt.ExecContext(ctx, eventArgs(e)...)
	isNew, err := inserted(res, err)
	if !isNew || err != nil {
		return isNew, err
	}
	r := w.rollups[e.WorkspaceID]
	if r == nil {
		if r, err = analytics.ForWorkspace(ctx, w.tx, e.WorkspaceID); err != nil {
			return false, errs.Wrap("journey.EventWriter", err)
		}
		w.rollups[e.WorkspaceID] = r
	}
	countEvent(r, e)
	return true, nil
}

// Close adds the written events to the rollups and releases the statement.
func (w *EventWriter) Close(ctx context.Context) error {
	defer w.stmt.Close()
	for _, r := range w.rollups {
		if err := r.Flush(ctx, w.tx); err != nil {
			return errs.Wrap("journey.EventWriter", err)
		}
	}
	return nil
}

func validateEvent(e *Event) error {
	if e.Signal != nil && !ValidSignal(*e.Signal) {
		return errs.Field("journey.InsertEvent", "signal", "signal must be between -2 and 2, not %d", *e.Signal)
	}
	return nil
}

func eventArgs(e *Event) []any {
	return []any{e.WorkspaceID, e.CustomerID, e.MessageID, e.Type, e.Name, e.Touchpoint, e.Channel, e.Signal,
		jsonOrEmpty(e.Properties), jsonOrEmpty(e.Context), store.Millis(e.OccurredAt), store.Millis(e.ReceivedAt),
		comment.HasText(e.Properties)}
}

func inserted(res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, errs.Wrap("journey.InsertEvent", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// TimelineSource puts events on the customer's timeline.
var TimelineSource = timeline.Source{Kind: "event", At: "occurred_at", Query: `SELECT id, occurred_at,
	CASE WHEN name = '' THEN type ELSE name END, touchpoint, channel, signal, properties
	FROM events WHERE customer_id IN (%[1]s) AND %[2]s ORDER BY occurred_at DESC, id DESC LIMIT ?`}
