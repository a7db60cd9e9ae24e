package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
)

// programForm is a program as the editor's form holds it: every number,
// date and condition as typed, so a refused form comes back unchanged.
// Conditions are JSON, the rule engine's own shape, so no kind of
// condition is lost on the way through the form.
type programForm struct {
	Name                 string
	Trigger              triggerForm
	Steps                []stepForm
	GoalEvent, GoalDays  string
	GoalTouchpoint       string
	ExitEvents, ExitWhen string
	Reentry, ReentryDays string
	Version              int
	Status               string
}

// triggerForm is the trigger's fields; only those of its kind are read.
type triggerForm struct {
	Kind, Event, Touchpoint, Survey string
	Properties, When                string // JSON
	DateTrait, DateDays, DateDir    string // DateDir: before, after
	DateHour                        string
	Weekday, Time, Timezone         string // schedule; Time is 10:00
}

// programFormOf fills the form from a saved program.
func programFormOf(p *program.Program) programForm {
	f := programForm{Name: p.Name, Trigger: triggerFormOf(p.Trigger), Reentry: p.Reentry.Policy,
		ExitEvents: strings.Join(p.Exit.Events, ", "), ExitWhen: conditionsText(p.Exit.When), Version: p.Version, Status: p.Status}
	if p.Reentry.AfterDays != 0 {
		f.ReentryDays = strconv.Itoa(p.Reentry.AfterDays)
	}
	if g := p.Goal; g != nil {
		f.GoalEvent, f.GoalTouchpoint, f.GoalDays = g.Event, g.Touchpoint, strconv.Itoa(g.WithinDays)
	}
	for _, s := range p.Steps {
		f.Steps = append(f.Steps, stepFormOf(s))
	}
	return f
}

func triggerFormOf(t program.Trigger) triggerForm {
	f := triggerForm{Kind: t.Kind, Event: t.Event, Touchpoint: t.Touchpoint, When: conditionsText(t.When), DateDir: "before"}
	if t.SurveyID != 0 {
		f.Survey = strconv.FormatInt(t.SurveyID, 10)
	}
	if len(t.Properties) > 0 {
		b, _ := json.Marshal(t.Properties)
		f.Properties = string(b)
	}
	if d := t.Date; d != nil {
		f.DateTrait, f.DateHour = d.Trait, strconv.Itoa(d.Hour)
		f.DateDays = strconv.Itoa(abs(d.OffsetDays))
		if d.OffsetDays > 0 {
			f.DateDir = "after"
		}
	}
	if s := t.Schedule; s != nil {
		f.Weekday, f.Time, f.Timezone = strconv.Itoa(int(s.Weekday)), hhmm(s.Hour, s.Minute), s.Timezone
	}
	return f
}

// readProgramForm reads the editor's form as typed.
func readProgramForm(r *http.Request) programForm {
	p := r.PostFormValue
	f := programForm{Name: p("name"), GoalEvent: strings.TrimSpace(p("goal_event")), GoalTouchpoint: p("goal_touchpoint"),
		GoalDays: p("goal_days"), ExitEvents: p("exit_events"), ExitWhen: p("exit_when"), Reentry: p("reentry"),
		ReentryDays: p("reentry_days"),
		Trigger: triggerForm{Kind: p("trigger"), Event: strings.TrimSpace(p("t_event")), Touchpoint: p("t_touchpoint"),
			Survey: p("t_survey"), Properties: p("t_properties"), When: p("t_when"), DateTrait: strings.TrimSpace(p("t_trait")),
			DateDays: p("t_days"), DateDir: p("t_dir"), DateHour: p("t_hour"), Weekday: p("t_weekday"), Time: p("t_time"),
			Timezone: strings.TrimSpace(p("t_timezone"))}}
	n, _ := strconv.Atoi(p("steps"))
	for i := range min(n, 100) {
		f.Steps = append(f.Steps, readStepForm(r, i))
	}
	return f
}

// program builds the program the form describes; what cannot be read
// (a number, a JSON condition) is refused with its field named as
// program.Validate names it.
func (f programForm) program() (*program.Program, error) {
	p := &program.Program{Name: f.Name, Exit: program.Exit{Events: splitList(f.ExitEvents)},
		Reentry: program.Reentry{Policy: f.Reentry}}
	var err error
	if p.Trigger, err = f.Trigger.trigger(); err != nil {
		return nil, err
	}
	if p.Exit.When, err = conditions("exit.when", f.ExitWhen); err != nil {
		return nil, err
	}
	if p.Reentry.AfterDays, err = formInt("reentry.after_days", f.ReentryDays); err != nil {
		return nil, err
	}
	if f.GoalEvent != "" {
		p.Goal = &program.Goal{Event: f.GoalEvent, Touchpoint: f.GoalTouchpoint}
		if p.Goal.WithinDays, err = formInt("goal.within_days", f.GoalDays); err != nil {
			return nil, err
		}
	}
	for i, sf := range f.Steps {
		s, err := sf.step(i)
		if err != nil {
			return nil, err
		}
		p.Steps = append(p.Steps, s)
	}
	return p, nil
}

func (f triggerForm) trigger() (program.Trigger, error) {
	t := program.Trigger{Kind: f.Kind}
	var err error
	if t.When, err = conditions("trigger.when", f.When); err != nil {
		return t, err
	}
	switch f.Kind {
	case rules.OnEvent:
		t.Event, t.Touchpoint = f.Event, f.Touchpoint
		if strings.TrimSpace(f.Properties) != "" {
			if err := json.Unmarshal([]byte(f.Properties), &t.Properties); err != nil {
				return t, errs.Field("web.program", "trigger.properties", "property conditions are not valid JSON: %v", err)
			}
		}
	case rules.OnResponse:
		t.SurveyID, err = formInt64("trigger.survey_id", f.Survey)
	case program.OnDate:
		t.Date, err = f.date()
	case program.OnSchedule:
		t.Schedule, err = f.schedule()
	}
	return t, err
}

func (f triggerForm) date() (*program.DateTrigger, error) {
	d := &program.DateTrigger{Trait: f.DateTrait}
	days, err := formInt("trigger.date.offset_days", f.DateDays)
	if err != nil {
		return nil, err
	}
	if f.DateDir != "after" {
		days = -days
	}
	d.OffsetDays = days
	d.Hour, err = formInt("trigger.date.hour", f.DateHour)
	return d, err
}

func (f triggerForm) schedule() (*program.Schedule, error) {
	day, err := formInt("trigger.schedule.weekday", f.Weekday)
	if err != nil {
		return nil, err
	}
	s := &program.Schedule{Weekday: weekday(day), Timezone: f.Timezone}
	h, m, ok := strings.Cut(latin(strings.TrimSpace(f.Time)), ":")
	if s.Hour, err = strconv.Atoi(h); err != nil || !ok {
		return nil, errs.Field("web.program", "trigger.schedule.hour", "the time %q is not hh:mm", f.Time)
	}
	if s.Minute, err = strconv.Atoi(m); err != nil {
		return nil, errs.Field("web.program", "trigger.schedule.hour", "the time %q is not hh:mm", f.Time)
	}
	return s, nil
}
