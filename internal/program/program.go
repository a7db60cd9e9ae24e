// Package program runs planned, automated journeys: a trigger (an event, a
// survey answer, entering a segment, a date on the profile, a schedule or
// an API call) and then steps (waits, waits for an event, branches,
// messages and other actions, a goal and exits), per customer, for months.
//
// Programs extend the rule engine in package rules: triggers, conditions
// and actions are rules kinds registered here, and the facts a branch
// reads are rules.Facts. Waits are durable timer jobs (package timer), so
// a restart or a second node neither loses nor repeats a step. Messages go
// through package notify behind the guardrails: consent at send time,
// one-click unsubscribe, frequency caps and quiet hours.
package program

import (
	"encoding/json"
	"time"

	"github.com/tajrobe/tajrobe/internal/rules"
)

// Statuses of a program.
const (
	Draft    = "draft"    // being written; nobody enters
	Active   = "active"   // customers enter and move on
	Paused   = "paused"   // nobody enters; customers inside hold at their step
	Archived = "archived" // stopped for good; customers inside leave
)

// Program is a trigger and the steps customers who match it go through.
// A saved program has a version; editing an active one makes a new
// version, and customers already inside stay on theirs.
type Program struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Status    string    `json:"status"`
	Version   int       `json:"version"`
	Trigger   Trigger   `json:"trigger"`
	Steps     []Step    `json:"steps"`
	Goal      *Goal     `json:"goal,omitempty"`
	Exit      Exit      `json:"exit"`
	Reentry   Reentry   `json:"reentry"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Trigger kinds of a program, beyond the rules' response and event.
const (
	OnSegment  = "segment"  // a customer comes to match When (traits, behaviour)
	OnDate     = "date"     // a date trait, with an offset (30 days before warranty_ends)
	OnSchedule = "schedule" // every week at a weekday and hour, for customers matching When
	OnAPI      = "api"      // POST /api/v1/programs/{id}/enter
)

// Trigger says who enters and when.
type Trigger struct {
	Kind       string            `json:"kind"` // event, response, segment, date, schedule, api
	Event      string            `json:"event,omitempty"`
	Touchpoint string            `json:"touchpoint,omitempty"`
	SurveyID   int64             `json:"survey_id,omitempty"`
	Properties []Property        `json:"properties,omitempty"` // event: conditions on its properties
	When       []rules.Condition `json:"when,omitempty"`       // all must hold to enter
	Date       *DateTrigger      `json:"date,omitempty"`
	Schedule   *Schedule         `json:"schedule,omitempty"`
}

// Property is a condition on one property of the triggering event.
type Property struct {
	Name   string   `json:"name"`
	Op     string   `json:"op"` // eq, ne, lt, lte, gt, gte, in, exists
	Value  *float64 `json:"value,omitempty"`
	Values []string `json:"values,omitempty"`
}

// DateTrigger enters a customer OffsetDays after (or, negative, before)
// the date in trait Trait, at Hour in the customer's time zone.
type DateTrigger struct {
	Trait      string `json:"trait"`
	OffsetDays int    `json:"offset_days"`
	Hour       int    `json:"hour"`
}

// Schedule is a weekly time in a time zone: every Saturday 10:00 Tehran.
type Schedule struct {
	Weekday  time.Weekday `json:"weekday"` // 0 Sunday … 6 Saturday
	Hour     int          `json:"hour"`
	Minute   int          `json:"minute"`
	Timezone string       `json:"timezone,omitempty"` // default the workspace's
}

// Step kinds.
const (
	Wait      = "wait"       // for a duration, until a date, or until a weekday and hour
	WaitEvent = "wait_event" // until an event, at most Timeout
	Branch    = "branch"     // the first path whose conditions hold
	Act       = "action"     // one action
	ExitStep  = "exit"       // leave the program here
)

// Step is one thing a program does. Next names the step that follows;
// empty means the next one in the list, and after the last the customer
// has completed the program.
type Step struct {
	ID     string  `json:"id"`
	Kind   string  `json:"kind"`
	Next   string  `json:"next,omitempty"`
	For    string  `json:"for,omitempty"`     // wait: 30m, 6h, 14d, 2w, 2mo
	Until  *string `json:"until,omitempty"`   // wait: a date (2026-03-20 or RFC 3339)
	OnDay  *int    `json:"weekday,omitempty"` // wait: until this weekday (0 Sunday)…
	AtHour *int    `json:"hour,omitempty"`    // …and hour, in the customer's time zone
	// wait_event
	Event     string `json:"event,omitempty"`
	Timeout   string `json:"timeout,omitempty"`
	OnTimeout string `json:"on_timeout,omitempty"` // the step after a timeout; Next after the event
	// branch
	Paths []Path `json:"paths,omitempty"`
	Else  string `json:"else,omitempty"`
	// action
	Action *Action `json:"action,omitempty"`
	Reason string  `json:"reason,omitempty"` // exit
}

// Path is one way out of a branch: when all conditions hold, go to Next.
// A random split is a path with a "random" condition (value: percent).
type Path struct {
	Name string            `json:"name"`
	When []rules.Condition `json:"when"`
	Next string            `json:"next"`
}

// Action kinds, registered with the rule engine; open_case is the rules'.
const (
	SendEmail      = "send_email"
	SendSMS        = "send_sms"
	Webhook        = "webhook"
	SendSurvey     = "send_survey"
	SetTrait       = "set_trait"
	AddTag         = "add_tag"
	RemoveTag      = "remove_tag"
	AddToList      = "add_to_list"
	RemoveFromList = "remove_from_list"
)

// Purposes of a message: promotional messages obey caps and quiet hours
// and carry an unsubscribe; service messages bypass caps and quiet hours
// (never consent) and must say so.
const (
	Promotional = "promotional"
	Service     = "service"
)

// Action is one thing a step does: the rules' action (kind, and for
// open_case its reason, title, team, priority) with a program's fields.
type Action struct {
	rules.Action
	Template *Template       `json:"template,omitempty"` // send_email, send_sms, webhook (body)
	Purpose  string          `json:"purpose,omitempty"`  // promotional (default) or service
	URL      string          `json:"url,omitempty"`      // webhook
	SurveyID int64           `json:"survey_id,omitempty"`
	Channel  string          `json:"channel,omitempty"` // send_survey: email or sms
	Trait    string          `json:"trait,omitempty"`   // set_trait
	Value    json.RawMessage `json:"value,omitempty"`   // set_trait
	Tag      string          `json:"tag,omitempty"`
	List     string          `json:"list,omitempty"`
}

// Template is a message in Persian and English; {{first_name}} and the
// other fields are filled for each customer.
type Template struct {
	FA *Text `json:"fa,omitempty"`
	EN *Text `json:"en,omitempty"`
}

// Text is one language of a template.
type Text struct {
	Subject string `json:"subject,omitempty"` // e-mail only
	Body    string `json:"body"`
}

// Goal is a conversion: the event within WithinDays of entering. A
// customer who converts leaves at once.
type Goal struct {
	Event      string `json:"event"`
	Touchpoint string `json:"touchpoint,omitempty"`
	WithinDays int    `json:"within_days"`
}

// Exit says when a customer leaves early: on one of Events, or as soon as
// one of When holds before a step. Withdrawing consent to every channel
// the program writes on always exits.
type Exit struct {
	Events []string          `json:"events,omitempty"`
	When   []rules.Condition `json:"when,omitempty"`
}

// Re-entry policies.
const (
	Once      = "once"       // a customer enters at most once, ever
	AfterExit = "after_exit" // again once they left, at least AfterDays after entering
)

// Reentry says whether a customer may go through the program again.
type Reentry struct {
	Policy    string `json:"policy"`
	AfterDays int    `json:"after_days,omitempty"`
}
