package program

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
)

func checkSteps(p *Program, env *Env) error {
	if len(p.Steps) == 0 || len(p.Steps) > maxSteps {
		return errs.Field(op, "steps", "a program needs 1 to %d steps", maxSteps)
	}
	index := map[string]int{}
	for i := range p.Steps {
		s := &p.Steps[i]
		if s.ID == "" {
			s.ID = fmt.Sprintf("step-%d", i+1)
		}
		if !stepID.MatchString(s.ID) || s.ID == End {
			return errs.Field(op, fmt.Sprintf("steps[%d].id", i), "a step id is 1 to 40 lower-case letters, digits, - or _ (and not %q)", End)
		}
		if _, dup := index[s.ID]; dup {
			return errs.Field(op, fmt.Sprintf("steps[%d].id", i), "two steps are called %q", s.ID)
		}
		index[s.ID] = i
	}
	kind := factsKind(p.Trigger.Kind)
	for i := range p.Steps {
		field := fmt.Sprintf("steps[%d]", i)
		if err := checkStep(&p.Steps[i], env, kind, field); err != nil {
			return err
		}
		if err := checkJumps(p.Steps, i, index, field); err != nil {
			return err
		}
	}
	return reachable(p.Steps, index)
}

func checkStep(s *Step, env *Env, kind, field string) error {
	switch s.Kind {
	case Wait:
		return checkWait(s, env, field)
	case WaitEvent:
		if s.Event == "" || !env.known(s.Event) {
			return errs.Field(op, field+".event", "no event %q is recorded or mapped in this workspace", s.Event)
		}
		if s.Timeout == "" {
			return errs.Field(op, field+".timeout", "a wait for an event needs a timeout, or customers who never do it would wait forever")
		}
		if _, err := ParseSpan(s.Timeout); err != nil {
			return errs.Field(op, field+".timeout", "%v", err)
		}
	case Branch:
		if len(s.Paths) == 0 {
			return errs.Field(op, field+".paths", "a branch needs at least one path")
		}
		for j := range s.Paths {
			pf := fmt.Sprintf("%s.paths[%d]", field, j)
			if len(s.Paths[j].When) == 0 {
				return errs.Field(op, pf+".when", "a path needs conditions; the branch's else is the path taken when none holds")
			}
			if err := checkConditions(s.Paths[j].When, kind, pf+".when"); err != nil {
				return err
			}
		}
	case Act:
		if s.Action == nil {
			return errs.Field(op, field+".action", "an action step needs its action")
		}
		return checkAction(s.Action, env, field+".action")
	case ExitStep:
	default:
		return errs.Field(op, field+".kind", "step kind must be wait, wait_event, branch, action or exit, not %q", s.Kind)
	}
	return nil
}

func checkWait(s *Step, env *Env, field string) error {
	set := 0
	for _, b := range []bool{s.For != "", s.Until != nil, s.OnDay != nil || s.AtHour != nil} {
		if b {
			set++
		}
	}
	if set != 1 {
		return errs.Field(op, field, "a wait needs exactly one of: for (a duration), until (a date), or weekday and hour")
	}
	switch {
	case s.For != "":
		if _, err := ParseSpan(s.For); err != nil {
			return errs.Field(op, field+".for", "%v", err)
		}
	case s.Until != nil:
		t, err := parseDate(*s.Until, env.Location)
		if err != nil {
			return errs.Field(op, field+".until", "%v", err)
		}
		if !t.After(env.Now) {
			return errs.Field(op, field+".until", "%s is in the past; a wait until it would never wait", *s.Until)
		}
	default:
		if s.OnDay == nil || *s.OnDay < 0 || *s.OnDay > 6 {
			return errs.Field(op, field+".weekday", "weekday must be 0 (Sunday) to 6 (Saturday)")
		}
		if s.AtHour == nil || *s.AtHour < 0 || *s.AtHour > 23 {
			return errs.Field(op, field+".hour", "hour must be 0 to 23")
		}
	}
	return nil
}

// checkJumps allows jumps only forward (or to end): a program whose steps
// could lead back to an earlier one could loop forever.
func checkJumps(steps []Step, i int, index map[string]int, field string) error {
	s := &steps[i]
	jumps := map[string]string{"next": s.Next, "else": s.Else, "on_timeout": s.OnTimeout}
	for j, p := range s.Paths {
		jumps[fmt.Sprintf("paths[%d].next", j)] = p.Next
		if p.Next == "" {
			return errs.Field(op, fmt.Sprintf("%s.paths[%d].next", field, j), "a path needs the step it leads to (or %q)", End)
		}
	}
	for name, to := range jumps {
		if to == "" || to == End {
			continue
		}
		k, ok := index[to]
		if !ok {
			return errs.Field(op, field+"."+name, "there is no step %q", to)
		}
		if k <= i {
			return errs.Field(op, field+"."+name, "step %q goes back to step %q; a program may only move forward, or customers could loop forever", s.ID, to)
		}
	}
	return nil
}

// reachable refuses steps no customer can reach.
func reachable(steps []Step, index map[string]int) error {
	seen := make([]bool, len(steps))
	seen[0] = true
	for i := range steps {
		if !seen[i] {
			return errs.Field(op, fmt.Sprintf("steps[%d]", i), "no path leads to step %q; remove it or jump to it", steps[i].ID)
		}
		for _, to := range successors(steps, i) {
			if k, ok := index[to]; ok {
				seen[k] = true
			}
		}
	}
	return nil
}

// successors are the step ids step i may lead to; "" is the next in the
// list.
func successors(steps []Step, i int) []string {
	s := &steps[i]
	following := End
	if i+1 < len(steps) {
		following = steps[i+1].ID
	}
	or := func(to string) string {
		if to == "" {
			return following
		}
		return to
	}
	switch s.Kind {
	case ExitStep:
		return nil
	case Branch:
		out := []string{or(s.Else)}
		for _, p := range s.Paths {
			out = append(out, p.Next)
		}
		return out
	case WaitEvent:
		return []string{or(s.Next), or(s.OnTimeout)}
	}
	return []string{or(s.Next)}
}

func checkAction(a *Action, env *Env, field string) error {
	r := rules.Rule{Name: "program", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnCustomer}, Then: []rules.Action{a.Action}}
	if err := relabel(rules.Validate(&r, &rules.Env{Teams: env.Teams}), "then[0]", field); err != nil {
		return err
	}
	a.Action = r.Then[0]
	switch a.Purpose {
	case "":
		a.Purpose = Promotional
	case Promotional, Service:
	default:
		return errs.Field(op, field+".purpose", "purpose must be promotional or service, not %q", a.Purpose)
	}
	return checkParams(a, env, field)
}

func checkParams(a *Action, env *Env, field string) error {
	switch a.Kind {
	case SendEmail, SendSMS:
		return checkTemplate(a.Template, a.Kind == SendEmail, field+".template")
	case Webhook:
		if err := checkWebhookURL(a.URL); err != nil {
			return errs.Field(op, field+".url", "%v", err)
		}
		if a.Template != nil {
			return checkTemplate(a.Template, false, field+".template")
		}
	case SendSurvey:
		if a.SurveyID == 0 || (env.Surveys != nil && !env.Surveys[a.SurveyID]) {
			return errs.Field(op, field+".survey_id", "there is no survey %d in this workspace", a.SurveyID)
		}
		if a.Channel != "email" && a.Channel != "sms" {
			return errs.Field(op, field+".channel", "a survey is sent by email or sms, not %q", a.Channel)
		}
	case SetTrait:
		if strings.TrimSpace(a.Trait) == "" || !json.Valid(a.Value) {
			return errs.Field(op, field+".trait", "set_trait needs a trait name and a JSON value")
		}
	case AddTag, RemoveTag:
		if strings.TrimSpace(a.Tag) == "" || len(a.Tag) > 100 {
			return errs.Field(op, field+".tag", "a tag is 1 to 100 characters")
		}
	case AddToList, RemoveFromList:
		if strings.TrimSpace(a.List) == "" || len(a.List) > 100 {
			return errs.Field(op, field+".list", "a list name is 1 to 100 characters")
		}
	}
	return nil
}

func checkTemplate(t *Template, subject bool, field string) error {
	if t == nil || (t.FA == nil && t.EN == nil) {
		return errs.Field(op, field, "a message needs a template in Persian (fa), English (en) or both")
	}
	for lang, x := range map[string]*Text{"fa": t.FA, "en": t.EN} {
		if x == nil {
			continue
		}
		if strings.TrimSpace(x.Body) == "" || len(x.Body) > 20000 {
			return errs.Field(op, field+"."+lang+".body", "the body must be 1 to 20000 bytes")
		}
		if subject && strings.TrimSpace(x.Subject) == "" {
			return errs.Field(op, field+"."+lang+".subject", "an e-mail needs a subject")
		}
		for part, s := range map[string]string{"subject": x.Subject, "body": x.Body} {
			if err := checkText(s); err != nil {
				return errs.Field(op, field+"."+lang+"."+part, "%v", err)
			}
		}
	}
	return nil
}
