package program

import (
	"fmt"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
)

// TriggerKinds are the ways into a program.
var TriggerKinds = []string{rules.OnEvent, rules.OnResponse, OnSegment, OnDate, OnSchedule, OnAPI}

func checkTrigger(t *Trigger, env *Env) error {
	switch t.Kind {
	case rules.OnEvent:
		if t.Event == "" && t.Touchpoint == "" {
			return errs.Field(op, "trigger.event", "an event trigger needs the event's name or a touchpoint")
		}
		if t.Event != "" && !env.known(t.Event) {
			return errs.Field(op, "trigger.event", "no event %q is recorded or mapped in this workspace; record one or add an event mapping first", t.Event)
		}
		if err := checkProperties(t.Properties); err != nil {
			return err
		}
	case rules.OnResponse:
		if t.SurveyID != 0 && env.Surveys != nil && !env.Surveys[t.SurveyID] {
			return errs.Field(op, "trigger.survey_id", "there is no survey %d in this workspace", t.SurveyID)
		}
	case OnSegment:
		if len(t.When) == 0 {
			return errs.Field(op, "trigger.when", "a segment trigger needs the conditions that define the segment")
		}
	case OnDate:
		if err := checkDate(t.Date); err != nil {
			return err
		}
	case OnSchedule:
		if err := checkSchedule(t.Schedule); err != nil {
			return err
		}
	case OnAPI:
	default:
		return errs.Field(op, "trigger.kind", "trigger kind must be one of %s, not %q", strings.Join(TriggerKinds, ", "), t.Kind)
	}
	if t.Kind != rules.OnEvent && len(t.Properties) > 0 {
		return errs.Field(op, "trigger.properties", "only an event trigger has properties")
	}
	if t.Touchpoint != "" && env.Touchpoints != nil && !env.Touchpoints[t.Touchpoint] {
		return errs.Field(op, "trigger.touchpoint", "there is no touchpoint %q in this workspace", t.Touchpoint)
	}
	return checkConditions(t.When, factsKind(t.Kind), "trigger.when")
}

func checkProperties(props []Property) error {
	for i := range props {
		p := &props[i]
		field := fmt.Sprintf("trigger.properties[%d]", i)
		if strings.TrimSpace(p.Name) == "" {
			return errs.Field(op, field+".name", "a property condition needs the property's name")
		}
		switch p.Op {
		case "exists":
		case rules.Eq, rules.Ne, rules.In:
			if p.Value == nil && len(p.Values) == 0 {
				return errs.Field(op, field+".values", "give a value or values to compare with")
			}
		case rules.Lt, rules.Lte, rules.Gt, rules.Gte:
			if p.Value == nil {
				return errs.Field(op, field+".value", "%s compares numbers: give a numeric value", p.Op)
			}
		default:
			return errs.Field(op, field+".op", "op must be one of eq, ne, in, lt, lte, gt, gte, exists, not %q", p.Op)
		}
	}
	return nil
}

func checkDate(d *DateTrigger) error {
	if d == nil || strings.TrimSpace(d.Trait) == "" {
		return errs.Field(op, "trigger.date.trait", "a date trigger needs the trait holding the date, e.g. warranty_ends")
	}
	if d.OffsetDays < -3650 || d.OffsetDays > 3650 {
		return errs.Field(op, "trigger.date.offset_days", "offset_days must be -3650 to 3650")
	}
	if d.Hour < 0 || d.Hour > 23 {
		return errs.Field(op, "trigger.date.hour", "hour must be 0 to 23")
	}
	return nil
}

func checkSchedule(s *Schedule) error {
	if s == nil {
		return errs.Field(op, "trigger.schedule", "a schedule trigger needs its weekday, hour and minute")
	}
	if s.Weekday < 0 || s.Weekday > 6 {
		return errs.Field(op, "trigger.schedule.weekday", "weekday must be 0 (Sunday) to 6 (Saturday)")
	}
	if s.Hour < 0 || s.Hour > 23 || s.Minute < 0 || s.Minute > 59 {
		return errs.Field(op, "trigger.schedule.hour", "the time must be 00:00 to 23:59")
	}
	if s.Timezone != "" {
		if _, err := time.LoadLocation(s.Timezone); err != nil {
			return errs.Field(op, "trigger.schedule.timezone", "unknown time zone %q", s.Timezone)
		}
	}
	return nil
}
