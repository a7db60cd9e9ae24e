package program

import (
	"context"
	"database/sql"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Stay is one customer's time in one version of a program: why they
// entered, every step with its time, and how it ended. It answers "why
// did this customer get this message?".
type Stay struct {
	EnrollmentID int64      `json:"enrollment_id"`
	Version      int        `json:"version"`
	State        string     `json:"state"`
	Step         string     `json:"step,omitempty"`
	Entry        Entry      `json:"entry"`
	EnteredAt    time.Time  `json:"entered_at"`
	EndedAt      *time.Time `json:"ended_at,omitempty"`
	ExitReason   string     `json:"exit_reason,omitempty"`
	Log          []LogLine  `json:"log"`
}

// LogLine is one line of a stay's history.
type LogLine struct {
	At     time.Time `json:"at"`
	Step   string    `json:"step,omitempty"`
	Kind   string    `json:"kind"`
	Detail string    `json:"detail,omitempty"`
}

// History returns a customer's stays in a program, newest first.
func History(ctx context.Context, db *store.DB, wsID, programID, customerID int64) ([]Stay, error) {
	const op = "program.History"
	rows, err := db.Query(ctx, `SELECT id, version, state, step, context, entered_at, ended_at, exit_reason FROM program_enrollments
		WHERE workspace_id = ? AND program_id = ? AND customer_id = ? ORDER BY id DESC`, wsID, programID, customerID)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	out := []Stay{}
	for rows.Next() {
		var s Stay
		var raw []byte
		var entered int64
		var ended sql.NullInt64
		if err := rows.Scan(&s.EnrollmentID, &s.Version, &s.State, &s.Step, &raw, &entered, &ended, &s.ExitReason); err != nil {
			rows.Close()
			return nil, errs.Wrap(op, err)
		}
		s.EnteredAt = store.Time(entered)
		if ended.Valid {
			t := store.Time(ended.Int64)
			s.EndedAt = &t
		}
		if err := jsonInto(raw, &s.Entry); err != nil {
			rows.Close()
			return nil, errs.Wrap(op, err)
		}
		out = append(out, s)
	}
	rows.Close()
	for i := range out {
		if out[i].Log, err = logOf(ctx, db, out[i].EnrollmentID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func logOf(ctx context.Context, db *store.DB, enrollment int64) ([]LogLine, error) {
	rows, err := db.Query(ctx, `SELECT at, step, kind, detail FROM program_log WHERE enrollment_id = ? ORDER BY id`, enrollment)
	if err != nil {
		return nil, errs.Wrap("program.History", err)
	}
	defer rows.Close()
	out := []LogLine{}
	for rows.Next() {
		var l LogLine
		var at int64
		if err := rows.Scan(&at, &l.Step, &l.Kind, &l.Detail); err != nil {
			return nil, err
		}
		l.At = store.Time(at)
		out = append(out, l)
	}
	return out, rows.Err()
}
