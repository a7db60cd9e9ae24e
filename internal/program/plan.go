package program

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Job kinds that plan entries.
const (
	JobPlan     = "program.plan"     // walk a workspace's customers in batches: plan dates, check segments, enter a schedule's
	JobDate     = "program.date"     // a date trigger's day came for one customer
	JobSchedule = "program.schedule" // a schedule trigger's time came
)

// planBatch is how many customers one plan job looks at.
const planBatch = 500

type planJob struct {
	P     int64  `json:"p"`
	After int64  `json:"after"`
	Mode  string `json:"mode"` // date, segment, schedule
	At    int64  `json:"at,omitempty"`
}

type dateJob struct {
	P    int64  `json:"p"`
	C    int64  `json:"c"`
	Mark string `json:"mark"`
}

// activate starts what an active program needs beyond hooks: a plan of
// every customer for date and segment triggers, the next occurrence of a
// schedule.
func activate(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, p *Program) error {
	var err error
	switch p.Trigger.Kind {
	case OnDate, OnSegment:
		_, err = timer.Enqueue(ctx, tx, JobPlan, fmt.Sprintf("%s:%d:v%d", JobPlan, p.ID, p.Version),
			planJob{P: p.ID, Mode: p.Trigger.Kind}, tx.Now, 0)
	case OnSchedule:
		err = nextOccurrence(ctx, tx, ws, p, tx.Now)
	}
	return errs.Wrap("program.activate", err)
}

func nextOccurrence(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, p *Program, after time.Time) error {
	s := p.Trigger.Schedule
	loc := ws.Location()
	if s.Timezone != "" {
		loc, _ = time.LoadLocation(s.Timezone)
	}
	at := nextWeekday(after.Add(time.Minute), s.Weekday, s.Hour, loc).Add(time.Duration(s.Minute) * time.Minute)
	_, err := timer.Enqueue(ctx, tx, JobSchedule, fmt.Sprintf("%s:%d:%d", JobSchedule, p.ID, store.Millis(at)),
		planJob{P: p.ID, Mode: OnSchedule, At: store.Millis(at)}, at, 0)
	return err
}

func (r *Runner) runSchedule(ctx context.Context, j timer.Job) error {
	var job planJob
	if err := parseJob(j, &job); err != nil {
		return err
	}
	return r.DB.InTx(ctx, func(tx *store.Tx) error {
		p, ws, ok, err := activeProgram(ctx, tx, job.P)
		if err != nil || !ok || p.Trigger.Kind != OnSchedule {
			return err
		}
		if _, err := timer.Enqueue(ctx, tx, JobPlan, fmt.Sprintf("%s:%d:%d", JobPlan, p.ID, job.At), job, tx.Now, 0); err != nil {
			return err
		}
		return nextOccurrence(ctx, tx, ws, p, store.Time(job.At))
	})
}

// runPlan looks at one batch of customers and queues the next batch.
func (r *Runner) runPlan(ctx context.Context, j timer.Job) error {
	var job planJob
	if err := parseJob(j, &job); err != nil {
		return err
	}
	return r.DB.InTx(ctx, func(tx *store.Tx) error {
		p, ws, ok, err := activeProgram(ctx, tx, job.P)
		if err != nil || !ok {
			return err
		}
		ids, err := customerBatch(ctx, tx, ws.ID, job.After)
		if err != nil || len(ids) == 0 {
			return err
		}
		for _, id := range ids {
			if err := planOne(ctx, tx, ws, p, id, job); err != nil {
				return err
			}
		}
		job.After = ids[len(ids)-1]
		_, err = timer.Enqueue(ctx, tx, JobPlan, fmt.Sprintf("%s:%d:v%d:%d:%d", JobPlan, p.ID, p.Version, job.At, job.After), job, tx.Now, 0)
		return err
	})
}

func planOne(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, p *Program, id int64, job planJob) error {
	switch job.Mode {
	case OnDate:
		return planDate(ctx, tx, ws.ID, p, id)
	case OnSegment:
		return segment(ctx, tx, ws.ID, p, id)
	}
	return enterIf(ctx, tx, ws.ID, p, id, Entry{Trigger: OnSchedule})
}

func customerBatch(ctx context.Context, tx *store.Tx, wsID, after int64) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT id FROM customers WHERE workspace_id = ? AND id > ? AND merged_into IS NULL ORDER BY id LIMIT ?`,
		wsID, after, planBatch)
	if err != nil {
		return nil, errs.Wrap("program.plan", err)
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

// activeProgram loads a program's current version if it is active.
func activeProgram(ctx context.Context, tx *store.Tx, id int64) (*Program, *workspace.Workspace, bool, error) {
	var wsID int64
	var version int
	var status string
	err := tx.QueryRow(ctx, `SELECT workspace_id, version, status FROM programs WHERE id = ?`, id).Scan(&wsID, &version, &status)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && status != Active) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, errs.Wrap("program.plan", err)
	}
	p, _, err := loadVersion(ctx, tx, id, version)
	if err != nil {
		return nil, nil, false, err
	}
	ws, err := workspaceIn(ctx, tx, wsID)
	return p, ws, err == nil, err
}

// segment enters a customer who has come to match a segment trigger, and
// notes one who no longer does, so leaving and coming back is entering.
func segment(ctx context.Context, tx *store.Tx, wsID int64, p *Program, customerID int64) error {
	in, err := entryHolds(ctx, tx, wsID, p, customerID, Entry{Trigger: OnSegment})
	if err != nil {
		return err
	}
	want := map[bool]string{true: "in", false: "out"}[in]
	old, err := mark(ctx, tx, p.ID, customerID)
	if err != nil || old == want || (old == "" && !in) {
		return err
	}
	if err := setMark(ctx, tx, p.ID, customerID, want); err != nil || !in {
		return err
	}
	_, err = enter(ctx, tx, wsID, p, customerID, Entry{Trigger: OnSegment})
	return err
}

func mark(ctx context.Context, tx *store.Tx, programID, customerID int64) (string, error) {
	var m string
	err := tx.QueryRow(ctx, `SELECT mark FROM program_marks WHERE program_id = ? AND customer_id = ?`, programID, customerID).Scan(&m)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return m, errs.Wrap("program.mark", err)
}

func setMark(ctx context.Context, tx *store.Tx, programID, customerID int64, m string) error {
	_, err := tx.Exec(ctx, `INSERT INTO program_marks (program_id, customer_id, mark, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (program_id, customer_id) DO UPDATE SET mark = excluded.mark, updated_at = excluded.updated_at`,
		programID, customerID, m, store.Millis(tx.Now))
	return errs.Wrap("program.mark", err)
}

// planDate plans (or re-plans, when the date changed) the day a customer
// enters a date program.
func planDate(ctx context.Context, tx *store.Tx, wsID int64, p *Program, customerID int64) error {
	ws, err := workspaceIn(ctx, tx, wsID)
	if err != nil {
		return err
	}
	who, err := loadPerson(ctx, tx, ws, customerID)
	if err != nil {
		return err
	}
	d := p.Trigger.Date
	day, ok := asDate(who.text(d.Trait), who.Loc)
	want := ""
	if ok {
		want = day.Format("2006-01-02")
	}
	old, err := mark(ctx, tx, p.ID, customerID)
	if err != nil || old == want {
		return err
	}
	if old != "" {
		if _, err := timer.Cancel(ctx, tx, dateKey(p.ID, customerID, old)); err != nil {
			return err
		}
	}
	if err := setMark(ctx, tx, p.ID, customerID, want); err != nil || want == "" {
		return err
	}
	l := day.In(who.Loc)
	at := time.Date(l.Year(), l.Month(), l.Day()+d.OffsetDays, d.Hour, 0, 0, 0, who.Loc)
	if at.Before(tx.Now) {
		return nil // the day has passed
	}
	_, err = timer.Enqueue(ctx, tx, JobDate, dateKey(p.ID, customerID, want), dateJob{P: p.ID, C: customerID, Mark: want}, at, 0)
	return err
}

func dateKey(programID, customerID int64, m string) string {
	return fmt.Sprintf("%s:%d:%d:%s", JobDate, programID, customerID, m)
}

func (r *Runner) runDate(ctx context.Context, j timer.Job) error {
	var job dateJob
	if err := parseJob(j, &job); err != nil {
		return err
	}
	return r.DB.InTx(ctx, func(tx *store.Tx) error {
		p, ws, ok, err := activeProgram(ctx, tx, job.P)
		if err != nil || !ok || p.Trigger.Kind != OnDate {
			return err
		}
		if m, err := mark(ctx, tx, p.ID, job.C); err != nil || m != job.Mark {
			return err // the date changed since; its own job is planned
		}
		day, _ := time.ParseInLocation("2006-01-02", job.Mark, ws.Location())
		return enterIf(ctx, tx, ws.ID, p, job.C, Entry{Trigger: OnDate, Date: &day})
	})
}
