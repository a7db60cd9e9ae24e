package program

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// DryRun asks to walk one customer through a program without sending or
// storing anything: a real customer (CustomerID) or a made-up one.
type DryRun struct {
	CustomerID int64       `json:"customer_id,omitempty"`
	Customer   *MadeUp     `json:"customer,omitempty"`
	Start      *time.Time  `json:"start,omitempty"` // default now
	Entry      *Entry      `json:"entry,omitempty"` // the trigger's facts; default the program's trigger kind
	Events     []Simulated `json:"events,omitempty"`
	Version    int         `json:"version,omitempty"` // default the current one
}

// MadeUp is a customer who does not exist: traits, addresses, and the
// channels they withdrew from.
type MadeUp struct {
	Traits    map[string]json.RawMessage `json:"traits"`
	Email     string                     `json:"email,omitempty"`
	Phone     string                     `json:"phone,omitempty"`
	Withdrawn []string                   `json:"withdrawn,omitempty"`
}

// Simulated is an event the customer does, After the start.
type Simulated struct {
	Name  string `json:"name"`
	After string `json:"after"` // 3d, 6h…
	at    time.Time
}

// Trace is what a dry run found, step by step with dates.
type Trace struct {
	ProgramID int64       `json:"program_id"`
	Version   int         `json:"version"`
	Outcome   string      `json:"outcome"` // completed, converted, exited, still waiting
	Reason    string      `json:"reason,omitempty"`
	Lines     []TraceLine `json:"lines"`
}

// TraceLine is one thing that would happen.
type TraceLine struct {
	At      time.Time `json:"at"`
	Step    string    `json:"step,omitempty"`
	Kind    string    `json:"kind"`
	Detail  string    `json:"detail,omitempty"`
	Channel string    `json:"channel,omitempty"`
	Subject string    `json:"subject,omitempty"`
	Text    string    `json:"text,omitempty"`
}

// maxHops bounds a dry run's waits.
const maxHops = 200

var errRollback = errors.New("dry run: roll back")

// Walk runs a dry run. It reads inside a transaction it rolls back, so
// nothing a step would write stays, and it sends nothing.
func Walk(ctx context.Context, db *store.DB, ws *workspace.Workspace, id int64, req DryRun) (*Trace, error) {
	var tr *Trace
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		if tr, err = walk(ctx, tx, ws, id, &req); err != nil {
			return err
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	return tr, err
}

func walk(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, id int64, req *DryRun) (*Trace, error) {
	p, err := Get(ctx, tx, ws.ID, id)
	if err != nil {
		return nil, err
	}
	if req.Version != 0 && req.Version != p.Version {
		if p, _, err = loadVersion(ctx, tx, id, req.Version); err != nil || len(p.Steps) == 0 {
			return nil, errs.Field("program.DryRun", "version", "program %d has no version %d", id, req.Version)
		}
	}
	w, err := dryWalker(ctx, tx, ws, p, req)
	if err != nil {
		return nil, err
	}
	tr := &Trace{ProgramID: p.ID, Version: p.Version}
	w.fx = &dry{tr: tr, tx: tx}
	return tr, w.through(tr, req)
}

func dryWalker(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, p *Program, req *DryRun) (*walker, error) {
	const op = "program.DryRun"
	now := tx.Now
	if req.Start != nil {
		now = *req.Start
	}
	for i := range req.Events {
		sp, err := ParseSpan(req.Events[i].After)
		if err != nil {
			return nil, errs.Field(op, fmt.Sprintf("events[%d].after", i), "%v", err)
		}
		req.Events[i].at = sp.After(now)
	}
	slices.SortFunc(req.Events, func(a, b Simulated) int { return a.at.Compare(b.at) })
	en := Entry{Trigger: p.Trigger.Kind, Event: p.Trigger.Event, Touchpoint: p.Trigger.Touchpoint, SurveyID: p.Trigger.SurveyID}
	if req.Entry != nil {
		en = *req.Entry
	}
	e := &enrollment{WorkspaceID: ws.ID, ProgramID: p.ID, Version: p.Version, CustomerID: req.CustomerID, Entry: en, EnteredAt: now}
	w := &walker{ctx: ctx, ws: ws, p: p, e: e, now: now}
	switch {
	case req.Customer != nil:
		who := req.Customer.person(ws)
		w.who = who
		w.facts = func(_ *person, _ string) *facts { return simFacts(w, req.Events, nil) }
	case req.CustomerID != 0:
		w.load = func() (*person, error) { return loadPerson(ctx, tx, ws, req.CustomerID) }
		w.facts = func(who *person, _ string) *facts { return simFacts(w, req.Events, dbFacts(ctx, tx, ws.ID, who)) }
	default:
		return nil, errs.Field(op, "customer_id", "name a customer (customer_id) or make one up (customer)")
	}
	if _, err := w.person(); err != nil {
		return nil, err
	}
	return w, nil
}

func (m *MadeUp) person(ws *workspace.Workspace) *person {
	p := &person{ID: 0, Traits: m.Traits, Email: m.Email, Phone: m.Phone, Withdrawn: map[string]bool{}}
	if p.Traits == nil {
		p.Traits = map[string]json.RawMessage{}
	}
	for _, ch := range m.Withdrawn {
		p.Withdrawn[ch] = true
	}
	p.settle(ws)
	return p
}

// simFacts counts the simulated events up to the walk's time, on top of a
// real customer's recorded ones.
func simFacts(w *walker, events []Simulated, real *facts) *facts {
	f := &facts{p: w.who, list: func(string) (bool, error) { return false, nil }}
	if real != nil {
		f.list = real.list
	}
	f.count = func(names []string, tp string, days int) (int, error) {
		n := 0
		if real != nil {
			var err error
			if n, err = real.count(names, tp, days); err != nil {
				return 0, err
			}
		}
		for _, ev := range events {
			if slices.Contains(names, ev.Name) && !ev.at.After(w.now) && ev.at.After(w.now.AddDate(0, 0, -days)) {
				n++
			}
		}
		return n, nil
	}
	return f
}

// Preview is one message step filled for one customer.
type Preview struct {
	Step    string `json:"step"`
	Channel string `json:"channel"`
	Lang    string `json:"lang"`
	To      string `json:"to,omitempty"`
	Subject string `json:"subject,omitempty"`
	Text    string `json:"text,omitempty"`
	Skipped string `json:"skipped,omitempty"` // why nothing would be sent: no address
}

// PreviewStep fills the template of message step step for the customer
// of req (real or made up), in their language.
func PreviewStep(ctx context.Context, db *store.DB, ws *workspace.Workspace, id int64, step string, req DryRun) (*Preview, error) {
	var out *Preview
	err := db.InTx(ctx, func(tx *store.Tx) error {
		p, err := Get(ctx, tx, ws.ID, id)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(p.Steps, func(s Step) bool { return s.ID == step && s.Action != nil && s.Action.Template != nil })
		if i < 0 {
			return errs.Field("program.Preview", "step", "program %d has no message step %q", id, step)
		}
		w, err := dryWalker(ctx, tx, ws, p, &req)
		if err != nil {
			return err
		}
		st, err := loadStored(ctx, tx, ws.ID)
		if err != nil {
			return err
		}
		m, skip, err := compose(w, &p.Steps[i], st.Secret, "https://…")
		if err != nil {
			return err
		}
		out = &Preview{Step: step, Channel: channelOf[p.Steps[i].Action.Kind], Skipped: skip}
		if m != nil {
			out.Channel, out.Lang, out.To, out.Subject, out.Text = m.Channel, m.Lang, m.To, m.Subject, m.Text
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	return out, err
}
