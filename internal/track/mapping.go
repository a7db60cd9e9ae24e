package track

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Mapping says what an event name means on the journey when the event
// itself does not: "Order Completed" → touchpoint checkout; "Delivery
// Late" → touchpoint delivery, signal −2.
type Mapping struct {
	ID         int64     `json:"id"`
	Event      string    `json:"event"`
	Touchpoint string    `json:"touchpoint,omitempty"`
	Channel    string    `json:"channel,omitempty"`
	Signal     *int      `json:"signal,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Validate checks a mapping against the workspace's touchpoints.
func (m *Mapping) Validate(ctx context.Context, db *store.DB, workspaceID int64) error {
	const op = "track.Mapping"
	m.Event, m.Touchpoint, m.Channel = strings.TrimSpace(m.Event), strings.TrimSpace(m.Touchpoint), strings.TrimSpace(m.Channel)
	if m.Event == "" || len(m.Event) > maxIDBytes {
		return errs.Field(op, "event", "event must be an event name of 1–%d bytes", maxIDBytes)
	}
	if m.Touchpoint == "" && m.Channel == "" && m.Signal == nil {
		return errs.Field(op, "touchpoint", "a mapping needs a touchpoint, a channel or a signal")
	}
	if m.Signal != nil && !journey.ValidSignal(*m.Signal) {
		return errs.Field(op, "signal", "signal must be a whole number from -2 to 2, not %d", *m.Signal)
	}
	if m.Channel != "" && !journey.ValidChannel(m.Channel) {
		return errs.Field(op, "channel", "channel %q is not one of %s", m.Channel, strings.Join(journey.Channels, ", "))
	}
	if m.Touchpoint != "" {
		if _, err := journey.GetTouchpoint(ctx, db, workspaceID, m.Touchpoint); errs.Is(err, errs.NotExist) {
			return errs.Field(op, "touchpoint", "touchpoint %q does not exist in this workspace", m.Touchpoint)
		} else if err != nil {
			return err
		}
	}
	return nil
}

const mappingColumns = `id, event, touchpoint, channel, signal, created_at, updated_at`

func scanMapping(row interface{ Scan(...any) error }) (*Mapping, error) {
	var m Mapping
	var sig sql.NullInt64
	var created, updated int64
	if err := row.Scan(&m.ID, &m.Event, &m.Touchpoint, &m.Channel, &sig, &created, &updated); err != nil {
		return nil, err
	}
	if sig.Valid {
		s := int(sig.Int64)
		m.Signal = &s
	}
	m.CreatedAt, m.UpdatedAt = store.Time(created), store.Time(updated)
	return &m, nil
}

// ListMappings returns the workspace's event mappings by event name.
func ListMappings(ctx context.Context, db *store.DB, workspaceID int64) ([]Mapping, error) {
	rows, err := db.Query(ctx, `SELECT `+mappingColumns+` FROM event_mappings WHERE workspace_id = ? ORDER BY event`, workspaceID)
	if err != nil {
		return nil, errs.Wrap("track.ListMappings", err)
	}
	defer rows.Close()
	out := []Mapping{}
	for rows.Next() {
		m, err := scanMapping(rows)
		if err != nil {
			return nil, errs.Wrap("track.ListMappings", err)
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

// GetMapping returns one mapping by id.
func GetMapping(ctx context.Context, db *store.DB, workspaceID, id int64) (*Mapping, error) {
	m, err := scanMapping(db.QueryRow(ctx, `SELECT `+mappingColumns+` FROM event_mappings
		WHERE workspace_id = ? AND id = ?`, workspaceID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E("track.GetMapping", errs.NotExist, "event mapping %d does not exist in this workspace", id)
	}
	return m, errs.Wrap("track.GetMapping", err)
}
