package program

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// Enrollment states.
const (
	InProgress = "active"
	Completed  = "completed"
	Converted  = "converted"
	Exited     = "exited"
)

// JobStep is the timer job that moves one customer on when a wait ends.
const JobStep = "program.step"

// Entry is why a customer entered: the trigger's facts, kept with the
// enrollment so branches can read them and history can show them.
type Entry struct {
	Trigger    string                     `json:"trigger"`
	Event      string                     `json:"event,omitempty"`
	EventID    int64                      `json:"event_id,omitempty"`
	Touchpoint string                     `json:"touchpoint,omitempty"`
	Channel    string                     `json:"channel,omitempty"`
	Signal     *int                       `json:"signal,omitempty"`
	Properties map[string]json.RawMessage `json:"properties,omitempty"`
	SurveyID   int64                      `json:"survey_id,omitempty"`
	ResponseID int64                      `json:"response_id,omitempty"`
	Answers    []rules.AnswerFact         `json:"answers,omitempty"`
	Date       *time.Time                 `json:"date,omitempty"`
}

// enrollment is one customer inside one version of a program. Step is
// where they are: "" before the first step, else the step they wait at.
type enrollment struct {
	ID, WorkspaceID, ProgramID int64
	Version                    int
	CustomerID                 int64
	State, Step, WaitingFor    string
	Seq                        int
	GoalUntil                  *time.Time
	Entry                      Entry
	EnteredAt                  time.Time
	b                          *batch // set when read by a batch: writes wait for its end
}

// stepJob moves enrollment E on, if Q is still its sequence number; Event
// says the awaited event ended a wait_event, not its timeout.
type stepJob struct {
	E     int64 `json:"e"`
	Q     int   `json:"q"`
	Event bool  `json:"ev,omitempty"`
}

// enter puts a customer into an active program unless its re-entry policy
// forbids it; the first steps run at once on the timer. It reports
// whether they entered.
func enter(ctx context.Context, tx *store.Tx, wsID int64, p *Program, customerID int64, en Entry) (bool, error) {
	const op = "program.enter"
	if ok, err := mayEnter(ctx, tx, p, customerID); err != nil || !ok {
		return false, err
	}
	ctxJSON, _ := json.Marshal(en)
	var goal *int64
	if p.Goal != nil {
		g := store.Millis(tx.Now.AddDate(0, 0, p.Goal.WithinDays))
		goal = &g
	}
	var id int64
	now := store.Millis(tx.Now)
	err := tx.QueryRow(ctx, `INSERT INTO program_enrollments (workspace_id, program_id, version, customer_id, goal_until,
		context, due_at, entered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (program_id, customer_id) WHERE state = 'active' DO NOTHING RETURNING id`,
		wsID, p.ID, p.Version, customerID, goal, string(ctxJSON), now, now, now).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // inside already
	}
	if err != nil {
		return false, errs.Wrap(op, err)
	}
	e := &enrollment{ID: id, WorkspaceID: wsID, ProgramID: p.ID, Version: p.Version, CustomerID: customerID}
	if err := writeLog(ctx, tx, e, "", "entered", why(en)); err != nil {
		return false, err
	}
	_, err = timer.Enqueue(ctx, tx, JobStep, stepKey(id, 0), stepJob{E: id}, tx.Now, 0)
	return err == nil, errs.Wrap(op, err)
}

// mayEnter applies the re-entry policy.
func mayEnter(ctx context.Context, tx *store.Tx, p *Program, customerID int64) (bool, error) {
	var n int
	var last sql.NullInt64
	err := tx.QueryRow(ctx, `SELECT COUNT(*), MAX(entered_at) FROM program_enrollments WHERE program_id = ? AND customer_id = ?`,
		p.ID, customerID).Scan(&n, &last)
	if err != nil || n == 0 {
		return err == nil, errs.Wrap("program.enter", err)
	}
	if p.Reentry.Policy != AfterExit {
		return false, nil
	}
	return !last.Valid || tx.Now.Sub(store.Time(last.Int64)) >= time.Duration(p.Reentry.AfterDays)*24*time.Hour, nil
}

func stepKey(e int64, seq int) string { return fmt.Sprintf("program:%d:%d", e, seq) }

// why says in words what started an enrollment.
func why(en Entry) string {
	switch en.Trigger {
	case rules.OnEvent:
		return fmt.Sprintf("event %q at %q (event %d)", en.Event, en.Touchpoint, en.EventID)
	case rules.OnResponse:
		return fmt.Sprintf("answer to survey %d (response %d)", en.SurveyID, en.ResponseID)
	case OnDate:
		if en.Date != nil {
			return "date " + en.Date.Format("2006-01-02")
		}
	}
	return en.Trigger
}

const enrollmentColumns = `id, workspace_id, program_id, version, customer_id, state, step, seq, waiting_for, goal_until, context, entered_at`

func scanEnrollment(row interface{ Scan(...any) error }) (*enrollment, error) {
	e := &enrollment{}
	var goal sql.NullInt64
	var ctxJSON []byte
	var entered int64
	err := row.Scan(&e.ID, &e.WorkspaceID, &e.ProgramID, &e.Version, &e.CustomerID, &e.State, &e.Step, &e.Seq,
		&e.WaitingFor, &goal, &ctxJSON, &entered)
	if err != nil {
		return nil, err
	}
	if goal.Valid {
		t := store.Time(goal.Int64)
		e.GoalUntil = &t
	}
	e.EnteredAt = store.Time(entered)
	return e, json.Unmarshal(ctxJSON, &e.Entry)
}

// lockEnrollment reads an enrollment for change: the row is locked on
// PostgreSQL, and SQLite has one writer.
func lockEnrollment(ctx context.Context, tx *store.Tx, id int64) (*enrollment, error) {
	q := `SELECT ` + enrollmentColumns + ` FROM program_enrollments WHERE id = ?`
	if tx.Dialect() == store.Postgres {
		q += ` FOR UPDATE`
	}
	e, err := scanEnrollment(tx.QueryRow(ctx, q, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E("program.enrollment", errs.NotExist, "enrollment %d does not exist", id)
	}
	return e, errs.Wrap("program.enrollment", err)
}

// save writes where the enrollment is; ended states stamp ended_at.
func (e *enrollment) save(ctx context.Context, tx *store.Tx, due *time.Time, reason string) error {
	var ended, dueMs any
	if e.State != InProgress {
		ended = store.Millis(tx.Now)
	}
	if due != nil {
		dueMs = store.Millis(*due)
	}
	if e.b != nil {
		e.b.saves = append(e.b.saves, saveRow{id: e.ID, state: e.State, step: e.Step, wf: e.WaitingFor, seq: e.Seq, due: dueMs, ended: ended, reason: reason})
		return nil
	}
	_, err := tx.Exec(ctx, `UPDATE program_enrollments SET state = ?, step = ?, seq = ?, waiting_for = ?, due_at = ?,
		exit_reason = ?, updated_at = ?, ended_at = ? WHERE id = ?`,
		e.State, e.Step, e.Seq, e.WaitingFor, dueMs, reason, store.Millis(tx.Now), ended, e.ID)
	return errs.Wrap("program.save", err)
}

// schedule moves the enrollment to a new sequence number and queues its
// job at due; a job of an older number finds nothing to do.
func (e *enrollment) schedule(ctx context.Context, tx *store.Tx, due time.Time) error {
	e.Seq++
	if e.b != nil {
		e.b.jobs = append(e.b.jobs, timer.NewJob{Kind: JobStep, Key: stepKey(e.ID, e.Seq), Payload: stepJob{E: e.ID, Q: e.Seq}, Due: due})
		return nil
	}
	_, err := timer.Enqueue(ctx, tx, JobStep, stepKey(e.ID, e.Seq), stepJob{E: e.ID, Q: e.Seq}, due, 0)
	return errs.Wrap("program.schedule", err)
}

// enqueueStep queues the enrollment's current job now.
func enqueueStep(ctx context.Context, tx *store.Tx, e *enrollment, byEvent bool) error {
	_, err := timer.Enqueue(ctx, tx, JobStep, stepKey(e.ID, e.Seq), stepJob{E: e.ID, Q: e.Seq, Event: byEvent}, tx.Now, 0)
	return errs.Wrap("program.schedule", err)
}
