package journey

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

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
	channel, signal, properties, context, occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (workspace_id, message_id) DO NOTHING`

// InsertEvent stores e unless its message id was seen in the workspace,
// and reports whether it was new.
func InsertEvent(ctx context.Context, tx *store.Tx, e *Event) (bool, error) {
	if err := validateEvent(e); err != nil {
		return false, err
	}
	res, err := tx.Exec(ctx, insertEventSQL, eventArgs(e)...)
	return inserted(res, err)
}

// EventWriter inserts many events in one transaction through one prepared
// statement, for loaders that write thousands at a time.
type EventWriter struct{ stmt *sql.Stmt }

// NewEventWriter prepares the insert in tx; Close it when done.
func NewEventWriter(ctx context.Context, tx *store.Tx) (*EventWriter, error) {
	stmt, err := tx.Prepare(ctx, insertEventSQL)
	return &EventWriter{stmt: stmt}, errs.Wrap("journey.NewEventWriter", err)
}

// Insert stores e like InsertEvent does.
func (w *EventWriter) Insert(ctx context.Context, e *Event) (bool, error) {
	if err := validateEvent(e); err != nil {
		return false, err
	}
	res, err := w.stmt.ExecContext(ctx, eventArgs(e)...)
	return inserted(res, err)
}

// Close releases the prepared statement.
func (w *EventWriter) Close() error { return w.stmt.Close() }

func validateEvent(e *Event) error {
	if e.Signal != nil && !ValidSignal(*e.Signal) {
		return errs.Field("journey.InsertEvent", "signal", "signal must be between -2 and 2, not %d", *e.Signal)
	}
	return nil
}

func eventArgs(e *Event) []any {
	return []any{e.WorkspaceID, e.CustomerID, e.MessageID, e.Type, e.Name, e.Touchpoint, e.Channel, e.Signal,
		jsonOrEmpty(e.Properties), jsonOrEmpty(e.Context), store.Millis(e.OccurredAt), store.Millis(e.ReceivedAt)}
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
