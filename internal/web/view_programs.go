package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
)

// TriggerText says in the viewer's language how customers enter a
// program: "30 days before warranty_ends, at 10:00".
func (v *View) TriggerText(t program.Trigger) string {
	switch t.Kind {
	case rules.OnEvent:
		if t.Touchpoint != "" {
			return v.T("console.program.on.event_at", or(t.Event, "*"), t.Touchpoint)
		}
		return v.T("console.program.on.event", t.Event)
	case rules.OnResponse:
		if t.SurveyID != 0 {
			return v.T("console.program.on.survey", t.SurveyID)
		}
		return v.T("console.program.on.any_survey")
	case program.OnSegment:
		return v.T("console.program.on.segment", len(t.When))
	case program.OnDate:
		return v.dateTrigger(t.Date)
	case program.OnSchedule:
		if s := t.Schedule; s != nil {
			return v.T("console.program.on.schedule", locale.WeekdayName(s.Weekday, v.Lang), v.Clock(s.Hour, s.Minute))
		}
	case program.OnAPI:
		return v.T("console.program.on.api")
	}
	return t.Kind
}

func (v *View) dateTrigger(d *program.DateTrigger) string {
	if d == nil {
		return ""
	}
	at := v.Clock(d.Hour, 0)
	switch {
	case d.OffsetDays < 0:
		return v.T("console.program.on.date_before", -d.OffsetDays, d.Trait, at)
	case d.OffsetDays > 0:
		return v.T("console.program.on.date_after", d.OffsetDays, d.Trait, at)
	}
	return v.T("console.program.on.date_on", d.Trait, at)
}

// Clock writes an hour and minute as 09:30 in the viewer's digits.
func (v *View) Clock(hour, minute int) string {
	return locale.LocalDigits(fmt.Sprintf("%02d:%02d", hour, minute), v.Lang)
}

// DateExample is a date as the viewer would type it, in their calendar
// and digits (1 Farvardin 1405 or 21 March 2026), for a date field's hint;
// the programs accept either calendar.
func (v *View) DateExample() string {
	return v.Date(time.Date(2026, time.March, 21, 12, 0, 0, 0, v.Loc))
}

// When writes an optional time, or a dash.
func (v *View) When(t *time.Time) string {
	if t == nil {
		return "–"
	}
	return v.DateTime(*t)
}

// Key turns a word of the domain ("would send", "wait_event") into the
// tail of a catalog key.
func (v *View) Key(s string) string { return strings.ReplaceAll(s, " ", "_") }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Weekday names a weekday (0 Sunday … 6 Saturday) in the viewer's
// language.
func (v *View) Weekday(d any) string {
	switch n := d.(type) {
	case int:
		return locale.WeekdayName(time.Weekday(n), v.Lang)
	case time.Weekday:
		return locale.WeekdayName(n, v.Lang)
	}
	return ""
}
