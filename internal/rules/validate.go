package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/errs"
)

const op = "rules.Validate"

// Validate checks a rule before it is saved: known kinds, sensible values,
// conditions that can hold together, actions that can run, and no loop
// with the workspace's other rules (env.Rules). Each error names the field.
func Validate(r *Rule, env *Env) error {
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" || utf8.RuneCountInString(r.Name) > 120 {
		return errs.Field(op, "name", "a rule needs a name of 1 to 120 characters")
	}
	if !slices.Contains(triggerKinds, r.Trigger.Kind) {
		return errs.Field(op, "trigger.kind", "trigger kind must be one of %s, not %q", strings.Join(triggerKinds, ", "), r.Trigger.Kind)
	}
	if r.Trigger.Reason != "" && r.Trigger.Kind != OnCase {
		return errs.Field(op, "trigger.reason", "only a case trigger takes a reason")
	}
	for i := range r.When {
		if err := checkCondition(&r.When[i], r.Trigger.Kind, fmt.Sprintf("when[%d]", i)); err != nil {
			return err
		}
	}
	if err := contradiction(r.When); err != nil {
		return err
	}
	if len(r.Then) == 0 {
		return errs.Field(op, "then", "a rule needs at least one action")
	}
	for i := range r.Then {
		if err := checkAction(&r.Then[i], env, fmt.Sprintf("then[%d]", i)); err != nil {
			return err
		}
	}
	return findLoop(r, env)
}

func checkCondition(c *Condition, trigger, field string) error {
	spec, ok := conditions[c.Kind]
	if !ok {
		return errs.Field(op, field+".kind", "unknown condition kind %q", c.Kind)
	}
	if !slices.Contains(spec.Triggers, trigger) {
		return errs.Field(op, field+".kind", "a %s condition reads facts a %s trigger does not have, so this rule can never match; use it on a %s trigger",
			c.Kind, trigger, strings.Join(spec.Triggers, " or "))
	}
	if c.Kind == Any {
		if len(c.Of) == 0 {
			return errs.Field(op, field+".of", "an any condition with no alternatives can never match")
		}
		for i := range c.Of {
			if err := checkCondition(&c.Of[i], trigger, fmt.Sprintf("%s.of[%d]", field, i)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := spec.Check(c); err != nil {
		return prefix(err, field)
	}
	return nil
}

func checkAction(a *Action, env *Env, field string) error {
	spec, ok := actions[a.Kind]
	if !ok {
		return errs.Field(op, field+".kind", "unknown action kind %q", a.Kind)
	}
	if spec.Check == nil {
		return nil
	}
	if err := spec.Check(a, env); err != nil {
		return prefix(err, field)
	}
	return nil
}

// prefix puts the condition's or action's place in front of the field.
func prefix(err error, field string) error {
	f := errs.FieldOf(err)
	if f == "" {
		f = field
	} else {
		f = field + "." + f
	}
	return errs.Field(op, f, "%s", errs.Message(err))
}

// cond builds a field error about one condition.
func cond(field, msg string, args ...any) error { return errs.Field(op, field, msg, args...) }
