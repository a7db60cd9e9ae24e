// Package rules is Tajrobe's trigger → condition → action engine. A rule
// says: when this happens (a survey response, an event at a touchpoint, a
// change to a customer, a case opened by another rule), and all of these
// conditions hold, do these actions.
//
// The package is pure: it validates rules when they are saved and decides
// whether a rule matches the facts of one trigger. Packages that act on
// rules (loop today, programs later) store them, gather the facts and carry
// out the actions. New trigger, condition and action kinds are added by
// registering a Spec, so the Programs engine extends this one (waits,
// branches, messages) instead of writing a second.
package rules

import "encoding/json"

// Trigger kinds: what starts a rule.
const (
	OnResponse = "response" // a survey response was stored
	OnEvent    = "event"    // an event was recorded at a touchpoint
	OnCustomer = "customer" // a customer's traits changed
	OnCase     = "case"     // a rule opened a case
)

// Rule is one trigger, the conditions that must all hold, and the actions.
type Rule struct {
	ID      int64       `json:"id"`
	Name    string      `json:"name"`
	Enabled bool        `json:"enabled"`
	Trigger Trigger     `json:"trigger"`
	When    []Condition `json:"when"`
	Then    []Action    `json:"then"`
}

// Trigger says what starts a rule, optionally narrowed to one touchpoint,
// channel, survey, event name or case reason.
type Trigger struct {
	Kind       string `json:"kind"`
	Touchpoint string `json:"touchpoint,omitempty"`
	Channel    string `json:"channel,omitempty"`
	SurveyID   int64  `json:"survey_id,omitempty"`
	Event      string `json:"event,omitempty"`
	Reason     string `json:"reason,omitempty"` // OnCase: only cases opened for this reason
}

// Condition kinds.
const (
	Score            = "score"             // the response's metric score: Metric, Op, Value
	Answer           = "answer"            // one question's answer: Question, Op, Value or Values
	CommentContains  = "comment_contains"  // the comment has one of Values as a word or phrase
	CommentSentiment = "comment_sentiment" // the comment's sentiment is one of Values
	Signal           = "signal"            // the event's signal: Op, Value (−2…2)
	SignalCount      = "signal_count"      // at least Count signals ≤ Value in the last Days, at Touchpoint or anywhere
	Trait            = "trait"             // a customer trait: Trait, Op, Value or Values
	Any              = "any"               // at least one of Of holds
)

// Comparison operators.
const (
	Eq  = "eq"
	Ne  = "ne"
	Lt  = "lt"
	Lte = "lte"
	Gt  = "gt"
	Gte = "gte"
	In  = "in"
)

// Condition is one test on the facts of a trigger.
type Condition struct {
	Kind       string      `json:"kind"`
	Metric     string      `json:"metric,omitempty"`   // Score: nps, csat or ces
	Question   string      `json:"question,omitempty"` // Answer
	Trait      string      `json:"trait,omitempty"`    // Trait
	Touchpoint string      `json:"touchpoint,omitempty"`
	Op         string      `json:"op,omitempty"`
	Value      *float64    `json:"value,omitempty"`
	Values     []string    `json:"values,omitempty"`
	Count      int         `json:"count,omitempty"` // SignalCount
	Days       int         `json:"days,omitempty"`  // SignalCount window
	Of         []Condition `json:"of,omitempty"`    // Any
}

// Action kinds.
const (
	OpenCase      = "open_case"      // open a case for Reason (one open case per customer and reason)
	RaisePriority = "raise_priority" // raise the case's priority one step, or to Priority
	Notify        = "notify"         // alert To: owner, team, lead or managers
)

// Action is one thing a matching rule does.
type Action struct {
	Kind     string `json:"kind"`
	Reason   string `json:"reason,omitempty"`
	Title    string `json:"title,omitempty"`
	Team     string `json:"team,omitempty"`     // a team's name
	Priority string `json:"priority,omitempty"` // low, normal, high, urgent
	To       string `json:"to,omitempty"`
	Message  string `json:"message,omitempty"`
}

// Priorities, lowest first; a case stores the index.
var Priorities = []string{"low", "normal", "high", "urgent"}

// PriorityIndex returns the index of a priority name, or -1.
func PriorityIndex(name string) int {
	for i, p := range Priorities {
		if p == name {
			return i
		}
	}
	return -1
}

// AnswerFact is one answered question as a condition sees it.
type AnswerFact struct {
	Question string   `json:"question"`
	Kind     string   `json:"kind"`
	Score    *int     `json:"score,omitempty"`
	Choices  []string `json:"choices,omitempty"`
	Text     string   `json:"text,omitempty"`
}

// Facts are what is known about one trigger. Lazily computed facts are
// functions, so a rule that does not ask for them costs nothing.
type Facts struct {
	Trigger    string
	Touchpoint string
	Channel    string
	SurveyID   int64
	Event      string
	Reason     string
	Scores     map[string]int // metric → score
	Answers    map[string]AnswerFact
	Comment    string
	Sentiment  func() string // positive, neutral or negative
	Signal     *int
	Traits     map[string]json.RawMessage
	// CountSignals counts the customer's events with a signal ≤ atMost in
	// the last days, at touchpoint ("" for any).
	CountSignals func(touchpoint string, atMost, days int) (int, error)
	// Ext carries facts that conditions registered by another package
	// read (programs: the customer's events, consent, lists, A/B bucket);
	// this package never looks inside.
	Ext any
}
