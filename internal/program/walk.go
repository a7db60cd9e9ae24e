package program

import (
	"context"
	"fmt"
	"time"

	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// effects carry out what a walk decides: the runner for real, the dry run
// by describing it.
type effects interface {
	act(w *walker, s *Step) (kind, detail string, err error)
	log(w *walker, step, kind, detail string) error
}

// walker moves one customer through a program's steps, from one wait to
// the next. It is the same code for real runs and dry runs.
type walker struct {
	ctx   context.Context
	ws    *workspace.Workspace
	p     *Program
	e     *enrollment
	now   time.Time
	who   *person
	load  func() (*person, error)
	facts func(p *person, step string) *facts
	fx    effects
	index map[string]int
}

// outcome is where a walk stopped.
type outcome struct {
	State  string // InProgress (waiting at Step), Completed or Exited
	Step   string
	Due    time.Time
	Event  string // wait_event: the event that ends the wait early
	Reason string
}

func (w *walker) person() (*person, error) {
	if w.who == nil {
		p, err := w.load()
		if err != nil {
			return nil, err
		}
		w.who = p
	}
	return w.who, nil
}

// run walks from step id from ("" for the first step) to the next wait or
// the end.
func (w *walker) run(from string) (outcome, error) {
	if w.index == nil {
		w.index = map[string]int{}
		for i, s := range w.p.Steps {
			w.index[s.ID] = i
		}
	}
	if o, stop, err := w.exitNow(""); stop || err != nil {
		return o, err
	}
	i := 0
	if from != "" {
		i = w.index[from]
	}
	for guard := 0; guard <= len(w.p.Steps); guard++ {
		if from == End || i >= len(w.p.Steps) {
			return outcome{State: Completed, Reason: "completed"}, w.fx.log(w, "", "completed", "")
		}
		next, o, stop, err := w.step(&w.p.Steps[i], i)
		if stop || err != nil {
			return o, err
		}
		from = next
		if next != End {
			i = w.index[next]
		}
	}
	return outcome{}, fmt.Errorf("program %d: the walk did not end; steps must move forward", w.p.ID)
}

// step runs one step and names the next, or stops the walk.
func (w *walker) step(s *Step, i int) (string, outcome, bool, error) {
	following := w.follow(i, "")
	switch s.Kind {
	case Wait:
		due, err := w.waitDue(s)
		if err != nil {
			return "", outcome{}, true, err
		}
		if !due.After(w.now) {
			return w.follow(i, s.Next), outcome{}, false, w.fx.log(w, s.ID, "wait_passed", due.UTC().Format(time.RFC3339))
		}
		return "", outcome{State: InProgress, Step: s.ID, Due: due}, true, w.fx.log(w, s.ID, "waiting", "until "+due.UTC().Format(time.RFC3339))
	case WaitEvent:
		sp, _ := ParseSpan(s.Timeout)
		due := sp.After(w.now)
		return "", outcome{State: InProgress, Step: s.ID, Due: due, Event: s.Event}, true,
			w.fx.log(w, s.ID, "waiting", fmt.Sprintf("for %q until %s", s.Event, due.UTC().Format(time.RFC3339)))
	case Branch:
		next, err := w.branch(s, i)
		return next, outcome{}, false, err
	case Act:
		kind, detail, err := w.fx.act(w, s)
		if err == nil {
			err = w.fx.log(w, s.ID, kind, detail)
		}
		return w.follow(i, s.Next), outcome{}, false, err
	case ExitStep:
		reason := s.Reason
		if reason == "" {
			reason = "exit step " + s.ID
		}
		return "", outcome{State: Exited, Reason: reason}, true, w.fx.log(w, s.ID, "exited", reason)
	}
	return following, outcome{}, false, nil
}

// follow is the step after step i: to, or the next in the list, or End.
func (w *walker) follow(i int, to string) string {
	if to != "" {
		return to
	}
	if i+1 < len(w.p.Steps) {
		return w.p.Steps[i+1].ID
	}
	return End
}

// resume is where a customer goes when the wait at step id ends: by the
// awaited event or, for a wait_event, by its timeout.
func (w *walker) resume(id string, byEvent bool) string {
	i, ok := w.index[id]
	if !ok {
		for j, s := range w.p.Steps {
			if s.ID == id {
				i, ok = j, true
			}
		}
	}
	if !ok {
		return End
	}
	s := &w.p.Steps[i]
	if s.Kind == WaitEvent && !byEvent {
		return w.follow(i, s.OnTimeout)
	}
	return w.follow(i, s.Next)
}

func (w *walker) waitDue(s *Step) (time.Time, error) {
	switch {
	case s.For != "":
		sp, err := ParseSpan(s.For)
		return sp.After(w.now), err
	case s.Until != nil:
		p, err := w.person()
		if err != nil {
			return time.Time{}, err
		}
		return parseDate(*s.Until, p.Loc)
	}
	p, err := w.person()
	if err != nil {
		return time.Time{}, err
	}
	return nextWeekday(w.now, time.Weekday(*s.OnDay), *s.AtHour, p.Loc), nil
}

func (w *walker) branch(s *Step, i int) (string, error) {
	for _, path := range s.Paths {
		ok, err := w.holds(path.When, s.ID, factsKind(w.p.Trigger.Kind))
		if err != nil {
			return "", err
		}
		if ok {
			return path.Next, w.fx.log(w, s.ID, "branched", fmt.Sprintf("path %q", firstOf(path.Name, path.Next)))
		}
	}
	return w.follow(i, s.Else), w.fx.log(w, s.ID, "branched", "else: no path's conditions held")
}

// holds reports whether all conditions hold for the customer now.
func (w *walker) holds(when []rules.Condition, step, kind string) (bool, error) {
	p, err := w.person()
	if err != nil {
		return false, err
	}
	en := w.e.Entry
	f := &rules.Facts{Trigger: kind, Touchpoint: en.Touchpoint, Channel: en.Channel, SurveyID: en.SurveyID, Event: en.Event,
		Signal: en.Signal, Traits: p.Traits, Scores: map[string]int{}, Answers: map[string]rules.AnswerFact{}}
	for _, a := range en.Answers {
		f.Answers[a.Question] = a
		if a.Score != nil && (a.Kind == "nps" || a.Kind == "csat" || a.Kind == "ces") {
			f.Scores[a.Kind] = *a.Score
		}
	}
	x := w.facts(p, step)
	x.bucket = bucket(w.e.ID, step)
	f.Ext = x
	return rules.Match(&rules.Rule{Enabled: true, Trigger: rules.Trigger{Kind: kind}, When: when}, f)
}

// exitNow checks the program's exit conditions and consent before a step.
func (w *walker) exitNow(step string) (outcome, bool, error) {
	if len(w.p.Exit.When) > 0 {
		ok, err := w.holds(w.p.Exit.When, "exit", rules.OnCustomer)
		if err != nil || ok {
			return outcome{State: Exited, Reason: "exit condition"}, ok, logIf(ok, w, step, "exit condition held", err)
		}
	}
	channels := messageChannels(w.p)
	if len(channels) == 0 {
		return outcome{}, false, nil
	}
	p, err := w.person()
	if err == nil {
		err = p.reach()
	}
	if err != nil {
		return outcome{}, false, err
	}
	for _, ch := range channels {
		if !p.Withdrawn[ch] {
			return outcome{}, false, nil
		}
	}
	o := outcome{State: Exited, Reason: "consent withdrawn"}
	return o, true, w.fx.log(w, step, "exited", "consent withdrawn on every channel this program writes on")
}

func logIf(ok bool, w *walker, step, detail string, err error) error {
	if err != nil || !ok {
		return err
	}
	return w.fx.log(w, step, "exited", detail)
}

// messageChannels are the consent channels a program writes on.
func messageChannels(p *Program) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range p.Steps {
		if s.Action == nil {
			continue
		}
		ch := map[string]string{SendEmail: "email", SendSMS: "sms", SendSurvey: s.Action.Channel}[s.Action.Kind]
		if ch != "" && !seen[ch] {
			seen[ch] = true
			out = append(out, ch)
		}
	}
	return out
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
