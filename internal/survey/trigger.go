package survey

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Surveys sent after touchpoint events: ScanEvents reads new events past
// a cursor and queues one trigger job per (survey, event) that matches,
// due at the event time plus the survey's delay; the job invites the
// customer then, when the contact rule and consent are checked.

const (
	eventCursor = "events"
	scanBatch   = 500
	// settle leaves events younger than this for the next scan: ids on
	// PostgreSQL can commit out of order, and a late commit with a lower id
	// must not be skipped.
	settle = 10 * time.Second
	// tooLate skips events whose survey would come more than this late
	// (an import of last year's orders must not send surveys today).
	tooLate = 3 * 24 * time.Hour
)

// triggerPayload is the job that invites one customer after one event.
type triggerPayload struct {
	WorkspaceID int64  `json:"workspace_id"`
	SurveyID    int64  `json:"survey_id"`
	CustomerID  int64  `json:"customer_id"`
	EventID     int64  `json:"event_id"`
	Touchpoint  string `json:"touchpoint"`
}

// ScanEvents queues trigger jobs for events past the cursor and returns
// how many events it read. Any number of nodes may call it: the cursor
// row is locked on PostgreSQL and SQLite has one writer.
func ScanEvents(ctx context.Context, db *store.DB) (int, error) {
	n := 0
	err := db.InTx(ctx, func(tx *store.Tx) error {
		pos, err := lockCursor(ctx, tx)
		if err != nil {
			return err
		}
		triggers, err := activeTriggers(ctx, tx)
		if err != nil || len(triggers) == 0 {
			return err
		}
		last, read, err := queueMatches(ctx, tx, pos, triggers)
		if err != nil || read == 0 {
			return err
		}
		n = read
		_, err = tx.Exec(ctx, `UPDATE survey_cursors SET position = ? WHERE name = ?`, last, eventCursor)
		return err
	})
	return n, errs.Wrap("survey.ScanEvents", err)
}

func lockCursor(ctx context.Context, tx *store.Tx) (int64, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO survey_cursors (name, position) VALUES (?, 0) ON CONFLICT (name) DO NOTHING`, eventCursor); err != nil {
		return 0, err
	}
	q := `SELECT position FROM survey_cursors WHERE name = ?`
	if tx.Dialect() == store.Postgres {
		q += ` FOR UPDATE`
	}
	var pos int64
	return pos, tx.QueryRow(ctx, q, eventCursor).Scan(&pos)
}

// activeTriggers lists published surveys with a trigger, by workspace.
func activeTriggers(ctx context.Context, tx *store.Tx) (map[int64][]*Survey, error) {
	rows, err := tx.Query(ctx, `SELECT `+surveyColumns+` FROM surveys WHERE status = 'published'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]*Survey{}
	for rows.Next() {
		s, err := scanSurvey(rows)
		if err != nil {
			return nil, err
		}
		if s.Trigger.Active() {
			out[s.WorkspaceID] = append(out[s.WorkspaceID], s)
		}
	}
	return out, rows.Err()
}

func queueMatches(ctx context.Context, tx *store.Tx, pos int64, triggers map[int64][]*Survey) (int64, int, error) {
	rows, err := tx.Query(ctx, `SELECT id, workspace_id, customer_id, name, touchpoint, occurred_at FROM events
		WHERE id > ? AND received_at <= ? ORDER BY id LIMIT ?`, pos, store.Millis(tx.Now.Add(-settle)), scanBatch)
	if err != nil {
		return 0, 0, err
	}
	var jobs []func() error
	last, n := pos, 0
	for rows.Next() {
		var id, ws, cust, at int64
		var name, tp string
		if err := rows.Scan(&id, &ws, &cust, &name, &tp, &at); err != nil {
			rows.Close()
			return 0, 0, err
		}
		last, n = id, n+1
		for _, s := range triggers[ws] {
			due := store.Time(at).Add(time.Duration(s.Trigger.DelayMinutes) * time.Minute)
			if matches(s.Trigger, name, tp) && tx.Now.Sub(due) < tooLate {
				p := triggerPayload{ws, s.ID, cust, id, tp}
				jobs = append(jobs, func() error {
					_, err := timer.Enqueue(ctx, tx, JobTrigger, fmt.Sprint(JobTrigger, ":", p.SurveyID, ":", p.EventID), p, due, 3)
					return err
				})
			}
		}
	}
	rows.Close() // one statement at a time on a transaction
	for _, j := range jobs {
		if err := j(); err != nil {
			return 0, 0, err
		}
	}
	return last, n, rows.Err()
}

func matches(t Trigger, name, touchpoint string) bool {
	return (t.Event == "" || t.Event == name) && (t.Touchpoint == "" || t.Touchpoint == touchpoint)
}

// RunTrigger is the timer handler of JobTrigger: it invites the customer
// on the trigger's channel, or the one they can be reached on.
func RunTrigger(db *store.DB, baseURL string) timer.Handler {
	return func(ctx context.Context, j timer.Job) error {
		var p triggerPayload
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return timer.Permanent(err)
		}
		ws, err := workspace.Get(ctx, db, p.WorkspaceID)
		if err != nil {
			return timer.Permanent(err)
		}
		s, err := Get(ctx, db, p.WorkspaceID, p.SurveyID)
		if err != nil || s.Status != Published {
			return nil // deleted or closed since: nothing to send
		}
		c, err := customer.Get(ctx, db, p.WorkspaceID, p.CustomerID)
		if err != nil {
			return timer.Permanent(err)
		}
		ch := channelFor(s.Trigger.Channel, c)
		if ch == "" {
			return nil // no address we may use
		}
		iv := &Inviter{DB: db, Workspace: ws, BaseURL: baseURL, Schedule: ScheduleSend}
		_, bad, err := iv.Invite(ctx, s, InviteRequest{Channel: ch, Recipients: []Recipient{{CustomerID: c.ID}},
			Touchpoint: p.Touchpoint, DedupeKey: fmt.Sprint("event:", p.SurveyID, ":", p.EventID)})
		if errs.Is(err, errs.Exist) {
			return nil // a run whose outcome was lost invited them already
		}
		if err == nil && len(bad) > 0 {
			err = timer.Permanent(bad[0].Err)
		}
		return err
	}
}

// channelFor picks the channel: the trigger's, else e-mail, else SMS,
// skipping channels the customer has no address for or withdrew from.
func channelFor(want string, c *customer.Customer) string {
	for _, ch := range []string{want, "email", "sms"} {
		if ch != "" && addressOf(c, ch) != "" && !withdrew(c, ch) {
			return ch
		}
	}
	return ""
}
