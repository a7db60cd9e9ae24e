package program

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
)

const op = "program.Validate"

// End is the step name that finishes the program where a step jumps.
const End = "end"

// maxSteps bounds a program.
const maxSteps = 100

var stepID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// Env is what validation knows of the workspace.
type Env struct {
	Now         time.Time
	Location    *time.Location
	KnownEvent  func(name string) bool // an event name the workspace records or maps
	Touchpoints map[string]bool
	Surveys     map[int64]bool
	Teams       map[string]bool
}

// Validate checks a program before it is saved, so that nothing is found
// wrong at run time: known kinds, events and fields, waits in the future,
// programs that end, and no way back to an earlier step (a loop). Each
// error names the field at fault.
func Validate(p *Program, env *Env) error {
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" || utf8.RuneCountInString(p.Name) > 120 {
		return errs.Field(op, "name", "a program needs a name of 1 to 120 characters")
	}
	if err := checkTrigger(&p.Trigger, env); err != nil {
		return err
	}
	if err := checkSteps(p, env); err != nil {
		return err
	}
	if err := checkGoal(p.Goal, env); err != nil {
		return err
	}
	for i, e := range p.Exit.Events {
		if !env.known(e) {
			return errs.Field(op, fmt.Sprintf("exit.events[%d]", i), "no event %q is recorded or mapped in this workspace", e)
		}
	}
	if err := checkConditions(p.Exit.When, rules.OnCustomer, "exit.when"); err != nil {
		return err
	}
	return checkReentry(&p.Reentry)
}

func (env *Env) known(event string) bool { return env.KnownEvent == nil || env.KnownEvent(event) }

// checkConditions validates conditions with the rule engine, as a rule on
// the trigger whose facts they will read.
func checkConditions(when []rules.Condition, kind, field string) error {
	if len(when) == 0 {
		return nil
	}
	r := rules.Rule{Name: "program", Enabled: true, Trigger: rules.Trigger{Kind: kind}, When: when,
		Then: []rules.Action{{Kind: AddTag}}}
	return relabel(rules.Validate(&r, nil), "when", field)
}

// relabel moves a rules error's field from a rule's place to the program's.
func relabel(err error, from, to string) error {
	if err == nil {
		return nil
	}
	f := errs.FieldOf(err)
	if rest, ok := strings.CutPrefix(f, from); ok {
		f = to + rest
	}
	return errs.Field(op, f, "%s", errs.Message(err))
}

func checkGoal(g *Goal, env *Env) error {
	if g == nil {
		return nil
	}
	if !env.known(g.Event) {
		return errs.Field(op, "goal.event", "no event %q is recorded or mapped in this workspace", g.Event)
	}
	if g.WithinDays < 1 || g.WithinDays > 730 {
		return errs.Field(op, "goal.within_days", "within_days must be 1 to 730")
	}
	return nil
}

func checkReentry(r *Reentry) error {
	switch r.Policy {
	case "":
		r.Policy = Once
	case Once, AfterExit:
	default:
		return errs.Field(op, "reentry.policy", "reentry policy must be once or after_exit, not %q", r.Policy)
	}
	if r.AfterDays < 0 || r.AfterDays > 3650 {
		return errs.Field(op, "reentry.after_days", "after_days must be 0 to 3650")
	}
	return nil
}

func checkWebhookURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("url must be an http or https address, not %q", raw)
	}
	return nil
}
