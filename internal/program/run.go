package program

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Runner runs programs on the timer: it moves customers on when their
// waits end, sends their messages behind the guardrails, plans date and
// schedule triggers. Any number of nodes may run one over a shared
// database; the timer's leases keep a step from running twice at once,
// and sequence numbers keep a late or repeated job from repeating one.
type Runner struct {
	DB      *store.DB
	BaseURL string       // for unsubscribe and survey links
	Log     *slog.Logger // nil: discard
	Client  *http.Client // webhooks; nil: 10 s timeout
	// Senders returns how a workspace sends e-mail and texts; the server
	// reads them from the workspace's survey settings.
	Senders func(ctx context.Context, workspaceID int64) (Mailer, notify.SMSProvider, error)
	// Invite sends a survey to a customer on a channel, once per key, and
	// says why it was not sent, if it was not; the server gives the survey
	// package's inviter.
	Invite func(ctx context.Context, workspaceID, surveyID, customerID int64, channel, key string) (skipped string, err error)
	Paused time.Duration // how often a paused program's customers look again; default 10 min
}

// Mailer delivers one e-mail.
type Mailer interface {
	Send(ctx context.Context, m notify.Mail) error
}

// Register adds the program job handlers to a timer runner.
func (r *Runner) Register(t *timer.Runner) {
	if r.Log == nil {
		r.Log = slog.New(slog.DiscardHandler)
	}
	if r.Client == nil {
		r.Client = &http.Client{Timeout: 10 * time.Second}
	}
	if r.Paused == 0 {
		r.Paused = 10 * time.Minute
	}
	t.HandleBatch(JobStep, r.runSteps)
	t.Handle(JobSend, r.runSend)
	t.Handle(JobPlan, r.runPlan)
	t.Handle(JobDate, r.runDate)
	t.Handle(JobSchedule, r.runSchedule)
}

// runSteps moves a claimed batch of customers on in one transaction;
// if any step fails, each runs again in a transaction of its own, so one
// bad step holds back nobody else.
func (r *Runner) runSteps(ctx context.Context, jobs []timer.Job) []error {
	out := make([]error, len(jobs))
	ps := make([]stepJob, len(jobs))
	for i, j := range jobs {
		if err := json.Unmarshal(j.Payload, &ps[i]); err != nil {
			out[i] = timer.Permanent(err)
		}
	}
	err := r.DB.InTx(ctx, func(tx *store.Tx) error {
		b, err := newBatch(ctx, tx, ps)
		if err != nil {
			return err
		}
		for i := range ps {
			if out[i] == nil {
				if err := r.step(ctx, tx, b, ps[i]); err != nil {
					return err
				}
			}
		}
		return b.flush(ctx, tx)
	})
	if err == nil || len(jobs) == 1 {
		for i := range out {
			if out[i] == nil {
				out[i] = err
			}
		}
		return out
	}
	for i := range jobs {
		if out[i] == nil {
			out[i] = r.runSteps(ctx, jobs[i:i+1])[0]
		}
	}
	return out
}

// step moves one enrollment on, if the job is still its current one.
func (r *Runner) step(ctx context.Context, tx *store.Tx, b *batch, job stepJob) error {
	e := b.enrollments[job.E]
	if e == nil || e.State != InProgress || e.Seq != job.Q {
		return nil // gone, ended, or moved on by an event: this job is stale
	}
	prog, status, err := b.version(ctx, tx, e.ProgramID, e.Version)
	if err != nil {
		return err
	}
	switch status {
	case Paused:
		if err := e.schedule(ctx, tx, tx.Now.Add(r.Paused)); err != nil {
			return err
		}
		return e.save(ctx, tx, nil, "")
	case Archived:
		e.State = Exited
		return e.save(ctx, tx, nil, "program archived")
	}
	ws, err := b.workspace(ctx, tx, e.WorkspaceID)
	if err != nil {
		return err
	}
	w := r.walker(ctx, tx, ws, prog, e)
	w.fx.(*live).b = b
	w.load = func() (*person, error) { return b.person(ctx, tx, ws, e.CustomerID) }
	from := ""
	if e.Step != "" {
		from = w.resume(e.Step, job.Event)
	}
	o, err := w.run(from)
	if err != nil {
		return err
	}
	return settle(ctx, tx, e, o)
}

// settle records where a walk stopped and queues the next job.
func settle(ctx context.Context, tx *store.Tx, e *enrollment, o outcome) error {
	if o.State != InProgress {
		e.State = o.State
		return e.save(ctx, tx, nil, o.Reason)
	}
	e.Step, e.WaitingFor = o.Step, o.Event
	if err := e.schedule(ctx, tx, o.Due); err != nil {
		return err
	}
	return e.save(ctx, tx, &o.Due, "")
}

func (r *Runner) walker(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, p *Program, e *enrollment) *walker {
	return &walker{ctx: ctx, ws: ws, p: p, e: e, now: tx.Now,
		load:  func() (*person, error) { return loadPerson(ctx, tx, ws, e.CustomerID) },
		facts: func(who *person, _ string) *facts { return dbFacts(ctx, tx, ws.ID, who) },
		fx:    &live{tx: tx, r: r}}
}

// live carries out a walk's decisions in the transaction; in a batch its
// history lines are written together at the end.
type live struct {
	tx *store.Tx
	r  *Runner
	b  *batch
}

func (l *live) log(w *walker, step, kind, detail string) error {
	if l.b != nil {
		l.b.logs = append(l.b.logs, logRow{e: w.e, step: step, kind: kind, detail: detail})
		return nil
	}
	return writeLog(w.ctx, l.tx, w.e, step, kind, detail)
}

func (l *live) act(w *walker, s *Step) (string, string, error) {
	a := s.Action
	switch a.Kind {
	case SendEmail, SendSMS, Webhook, SendSurvey:
		return l.queue(w, s)
	}
	p, err := w.person()
	if err != nil {
		return "", "", err
	}
	detail, err := applyAction(w.ctx, l.tx, w.ws, w.p, w.e, p, a)
	return "action", detail, err
}

// writeLog adds one line to the enrollment's history.
func writeLog(ctx context.Context, tx *store.Tx, e *enrollment, step, kind, detail string) error {
	_, err := tx.Exec(ctx, `INSERT INTO program_log (workspace_id, enrollment_id, program_id, version, customer_id, step, kind, detail, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.WorkspaceID, e.ID, e.ProgramID, e.Version, e.CustomerID, step, kind, detail, store.Millis(tx.Now))
	return errs.Wrap("program.log", err)
}

func workspaceIn(ctx context.Context, tx *store.Tx, id int64) (*workspace.Workspace, error) {
	var w workspace.Workspace
	err := tx.QueryRow(ctx, `SELECT id, name, slug, language, timezone, region FROM workspaces WHERE id = ?`, id).
		Scan(&w.ID, &w.Name, &w.Slug, &w.Language, &w.Timezone, &w.Region)
	if err != nil {
		return nil, errs.E("program.workspace", errs.NotExist, "workspace %d does not exist", id)
	}
	return &w, nil
}

func parseJob(j timer.Job, v any) error {
	if err := json.Unmarshal(j.Payload, v); err != nil {
		return timer.Permanent(fmt.Errorf("job %d: bad payload: %w", j.ID, err))
	}
	return nil
}
