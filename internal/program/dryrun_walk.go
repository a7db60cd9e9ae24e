package program

import (
	"fmt"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// through walks from the first step to the end, jumping the clock over
// each wait, taking the simulated events as they come.
func (w *walker) through(tr *Trace, req *DryRun) error {
	tr.add(w.now, "", "entered", why(w.e.Entry))
	from := ""
	for hop := 0; hop < maxHops; hop++ {
		o, err := w.run(from)
		if err != nil {
			return err
		}
		if o.State != InProgress {
			tr.Outcome, tr.Reason = o.State, o.Reason
			return w.goalAfter(tr, req)
		}
		if ev, ok := w.simulated(req, o.Event, o.Due); ok {
			if w.converts(tr, req, ev) {
				return nil
			}
			w.now, from = ev.at, w.resume(o.Step, true)
			tr.add(w.now, o.Step, "event_arrived", fmt.Sprintf("event %q", ev.Name))
			continue
		}
		if ev, ok := w.goalBefore(req, o.Due); ok && w.converts(tr, req, ev) {
			return nil
		}
		w.now, from = o.Due, w.resume(o.Step, false)
	}
	tr.Outcome = "still waiting"
	return nil
}

func (tr *Trace) add(at time.Time, step, kind, detail string) {
	tr.Lines = append(tr.Lines, TraceLine{At: at.UTC(), Step: step, Kind: kind, Detail: detail})
}

// simulated is the first simulated event named name after now and no
// later than due.
func (w *walker) simulated(req *DryRun, name string, due time.Time) (Simulated, bool) {
	if name == "" {
		return Simulated{}, false
	}
	for _, ev := range req.Events {
		if ev.Name == name && ev.at.After(w.now) && !ev.at.After(due) {
			return ev, true
		}
	}
	return Simulated{}, false
}

// goalBefore is a simulated goal event before due.
func (w *walker) goalBefore(req *DryRun, due time.Time) (Simulated, bool) {
	if w.p.Goal == nil {
		return Simulated{}, false
	}
	return w.simulated(req, w.p.Goal.Event, due)
}

// converts records the goal when ev meets it within the window.
func (w *walker) converts(tr *Trace, _ *DryRun, ev Simulated) bool {
	g := w.p.Goal
	if g == nil || g.Event != ev.Name || ev.at.After(w.e.EnteredAt.AddDate(0, 0, g.WithinDays)) {
		return false
	}
	tr.add(ev.at, "", "converted", fmt.Sprintf("event %q within %d days", ev.Name, g.WithinDays))
	tr.Outcome, tr.Reason = Converted, "goal met"
	return true
}

// goalAfter counts a goal event after the last step, within the window.
func (w *walker) goalAfter(tr *Trace, req *DryRun) error {
	if tr.Outcome != Completed || w.p.Goal == nil {
		return nil
	}
	if ev, ok := w.simulated(req, w.p.Goal.Event, w.e.EnteredAt.AddDate(0, 0, w.p.Goal.WithinDays)); ok {
		w.converts(tr, req, ev)
	}
	return nil
}

// dry describes what a step would do and checks the guardrails as they
// would be at that time, without doing anything.
type dry struct {
	tr *Trace
	tx *store.Tx
}

func (d *dry) log(w *walker, step, kind, detail string) error {
	if kind == "" || kind == "completed" || (kind == "exited" && step == "") {
		return nil // the outcome says it
	}
	d.tr.add(w.now, step, kind, detail)
	return nil
}

func (d *dry) act(w *walker, s *Step) (string, string, error) {
	a := s.Action
	if _, ok := channelOf[a.Kind]; !ok {
		return "would " + a.Kind, describeAction(a), nil
	}
	st, err := loadStored(w.ctx, d.tx, w.ws.ID)
	if err != nil {
		return "", "", err
	}
	m, skip, err := compose(w, s, st.Secret, "https://…")
	if err != nil || m == nil {
		return "would skip", skip, err
	}
	due := w.now
	if m.Purpose == Promotional {
		due = st.allowedAt(m.Channel, due)
	}
	verdict := ""
	who, _ := w.person()
	if m.Channel != "webhook" && who.Withdrawn[m.Channel] {
		verdict = "suppressed: consent to " + m.Channel + " withdrawn"
	}
	if verdict == "" && m.Purpose == Promotional {
		if verdict, err = d.capped(w, &st.Settings, who.ID, m.Channel, due); err != nil {
			return "", "", err
		}
	}
	line := TraceLine{At: due.UTC(), Step: s.ID, Kind: "would send", Channel: m.Channel, Subject: m.Subject, Text: m.Text, Detail: describe(m, due, w.now)}
	if verdict != "" {
		line.Kind, line.Detail = "would suppress", verdict
	}
	d.tr.Lines = append(d.tr.Lines, line)
	return "", "", nil // the line above says it
}

// describeAction says what a database action would change.
func describeAction(a *Action) string {
	switch a.Kind {
	case SetTrait:
		return fmt.Sprintf("set trait %s = %s", a.Trait, a.Value)
	case AddTag, RemoveTag:
		return fmt.Sprintf("%s %q", a.Kind, a.Tag)
	case AddToList, RemoveFromList:
		return fmt.Sprintf("%s %q", a.Kind, a.List)
	}
	return fmt.Sprintf("open a case for %q", a.Reason)
}

// capped says, for a real customer, whether the channel's frequency cap
// would hold a promotional message at due, counting what was really sent
// to them (not what the dry run itself would send).
func (d *dry) capped(w *walker, s *Settings, customerID int64, channel string, due time.Time) (string, error) {
	c, ok := s.cap(channel)
	if !ok || customerID == 0 {
		return "", nil
	}
	var n int
	err := d.tx.QueryRow(w.ctx, `SELECT COUNT(*) FROM program_messages WHERE customer_id = ? AND channel = ? AND status = 'sent'
		AND purpose = 'promotional' AND sent_at >= ?`, customerID, channel, store.Millis(due.AddDate(0, 0, -c.Days))).Scan(&n)
	if err != nil || n < c.Max {
		return "", errs.Wrap("program.DryRun", err)
	}
	return fmt.Sprintf("suppressed: frequency cap: %d promotional %s in %d days already", n, channel, c.Days), nil
}
