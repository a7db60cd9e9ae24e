package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
)

// stepKinds are what a step may be, as the editor offers them: the
// program's step kinds with each action kind in its own right.
var stepKinds = []string{program.Wait, program.WaitEvent, program.Branch, program.SendSMS, program.SendEmail,
	program.SendSurvey, program.Webhook, program.AddTag, program.RemoveTag, program.SetTrait, program.AddToList,
	program.RemoveFromList, rules.OpenCase, program.ExitStep}

// stepForm is one step as typed. Kind is a step kind or, for an action
// step, the action's kind.
type stepForm struct {
	ID, Kind, Next                             string
	For, Until, Weekday, Hour                  string // wait
	Event, Timeout, OnTimeout                  string // wait_event
	Paths                                      []pathForm
	Else                                       string
	Purpose, Channel, Survey, URL              string // action
	SubjectFa, BodyFa, SubjectEn, BodyEn       string
	Trait, Value, Tag, List                    string
	CaseReason, Title, Team, Priority, To, Msg string
	Reason                                     string // exit
}

// pathForm is one way out of a branch.
type pathForm struct{ Name, When, Next string }

func stepFormOf(s program.Step) stepForm {
	f := stepForm{ID: s.ID, Kind: s.Kind, Next: s.Next, For: s.For, Weekday: itoa(s.OnDay), Hour: itoa(s.AtHour),
		Event: s.Event, Timeout: s.Timeout, OnTimeout: s.OnTimeout, Else: s.Else, Reason: s.Reason}
	if s.Until != nil {
		f.Until = *s.Until
	}
	for _, p := range s.Paths {
		f.Paths = append(f.Paths, pathForm{Name: p.Name, When: conditionsText(p.When), Next: p.Next})
	}
	if a := s.Action; a != nil {
		f.Kind, f.Purpose, f.Channel, f.URL, f.Trait, f.Tag, f.List = a.Kind, a.Purpose, a.Channel, a.URL, a.Trait, a.Tag, a.List
		f.CaseReason, f.Title, f.Team, f.Priority, f.To, f.Msg = a.Reason, a.Title, a.Team, a.Priority, a.Action.To, a.Message
		f.Value = string(a.Value)
		if a.SurveyID != 0 {
			f.Survey = strconv.FormatInt(a.SurveyID, 10)
		}
		if t := a.Template; t != nil && t.FA != nil {
			f.SubjectFa, f.BodyFa = t.FA.Subject, t.FA.Body
		}
		if t := a.Template; t != nil && t.EN != nil {
			f.SubjectEn, f.BodyEn = t.EN.Subject, t.EN.Body
		}
	}
	return f
}

func readStepForm(r *http.Request, i int) stepForm {
	p := func(name string) string { return r.PostFormValue(fmt.Sprintf("s%d_%s", i, name)) }
	t := func(name string) string { return strings.TrimSpace(p(name)) }
	f := stepForm{ID: t("id"), Kind: p("kind"), Next: p("next"), For: t("for"), Until: t("until"), Weekday: p("weekday"),
		Hour: p("hour"), Event: t("event"), Timeout: t("timeout"), OnTimeout: p("on_timeout"), Else: p("else"),
		Purpose: p("purpose"), Channel: p("channel"), Survey: p("survey"), URL: t("url"), SubjectFa: p("subject_fa"),
		BodyFa: p("body_fa"), SubjectEn: p("subject_en"), BodyEn: p("body_en"), Trait: t("trait"), Value: t("value"),
		Tag: t("tag"), List: t("list"), CaseReason: t("case_reason"), Title: p("title"), Team: p("team"),
		Priority: p("priority"), To: p("to"), Msg: p("msg"), Reason: p("reason")}
	n, _ := strconv.Atoi(p("paths"))
	for j := range min(n, 20) {
		q := func(name string) string { return r.PostFormValue(fmt.Sprintf("s%d_p%d_%s", i, j, name)) }
		f.Paths = append(f.Paths, pathForm{Name: q("name"), When: q("when"), Next: q("next")})
	}
	return f
}

// step builds step i of the program from its form.
func (f stepForm) step(i int) (program.Step, error) {
	field := fmt.Sprintf("steps[%d]", i)
	s := program.Step{ID: f.ID, Kind: f.Kind, Next: f.Next}
	var err error
	switch f.Kind {
	case program.Wait:
		s.For = f.For
		if f.Until != "" {
			u := latin(f.Until)
			s.Until = &u
		}
		if s.OnDay, err = optionalFormInt(field+".weekday", f.Weekday); err == nil {
			s.AtHour, err = optionalFormInt(field+".hour", f.Hour)
		}
	case program.WaitEvent:
		s.Event, s.Timeout, s.OnTimeout = f.Event, f.Timeout, f.OnTimeout
	case program.Branch:
		s.Else = f.Else
		s.Paths, err = f.paths(field)
	case program.ExitStep:
		s.Reason = strings.TrimSpace(f.Reason)
	default:
		if slices.Contains(stepKinds, f.Kind) {
			s.Kind = program.Act
			s.Action, err = f.action(field + ".action")
		}
	}
	return s, err
}

func (f stepForm) paths(field string) ([]program.Path, error) {
	var out []program.Path
	for _, pf := range f.Paths {
		if strings.TrimSpace(pf.Name+pf.When) == "" {
			continue // the empty row the form offers for a new path
		}
		when, err := conditions(fmt.Sprintf("%s.paths[%d].when", field, len(out)), pf.When)
		if err != nil {
			return nil, err
		}
		out = append(out, program.Path{Name: strings.TrimSpace(pf.Name), When: when, Next: pf.Next})
	}
	return out, nil
}

func (f stepForm) action(field string) (*program.Action, error) {
	a := &program.Action{Action: rules.Action{Kind: f.Kind, To: f.To, Message: f.Msg}, Purpose: f.Purpose}
	var err error
	switch f.Kind {
	case program.SendSMS, program.SendEmail:
		a.Template = f.template()
	case program.Webhook:
		a.URL, a.Template = f.URL, f.template()
	case program.SendSurvey:
		a.Channel = f.Channel
		a.SurveyID, err = formInt64(field+".survey_id", f.Survey)
	case program.SetTrait:
		a.Trait = f.Trait
		if f.Value != "" && !json.Valid([]byte(f.Value)) {
			return nil, errs.Field("web.program", field+".trait", "the value %q is not JSON (text goes in quotes)", f.Value)
		}
		a.Value = json.RawMessage(f.Value)
	case program.AddTag, program.RemoveTag:
		a.Tag = f.Tag
	case program.AddToList, program.RemoveFromList:
		a.List = f.List
	case rules.OpenCase:
		a.Reason, a.Title, a.Team, a.Priority = f.CaseReason, f.Title, f.Team, f.Priority
	}
	return a, err
}

// template is the message in the languages written; nil when none is.
func (f stepForm) template() *program.Template {
	t := &program.Template{}
	if strings.TrimSpace(f.SubjectFa+f.BodyFa) != "" {
		t.FA = &program.Text{Subject: strings.TrimSpace(f.SubjectFa), Body: f.BodyFa}
	}
	if strings.TrimSpace(f.SubjectEn+f.BodyEn) != "" {
		t.EN = &program.Text{Subject: strings.TrimSpace(f.SubjectEn), Body: f.BodyEn}
	}
	if t.FA == nil && t.EN == nil {
		return nil
	}
	return t
}
