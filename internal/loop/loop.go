// Package loop closes the feedback loop: rules open follow-up cases from
// responses, events and customer changes; cases have an owner and a team,
// deadlines on the workspace's business calendar, escalation through
// durable timers, notes, alerts by e-mail and signed webhook, a required
// root cause when closed, and the customer's recovery measured after.
package loop

import "time"

// Case statuses, in the order a case usually moves through them.
const (
	New               = "new"
	InProgress        = "in_progress"
	WaitingOnCustomer = "waiting_on_customer"
	Resolved          = "resolved"
	Closed            = "closed"
)

// Statuses lists the case statuses in flow order.
var Statuses = []string{New, InProgress, WaitingOnCustomer, Resolved, Closed}

// next is the status flow: where a case may move from each status by an
// update. Closing has its own call (it needs a root cause); a closed case
// comes back only through Reopen.
var next = map[string][]string{
	New:               {InProgress, WaitingOnCustomer, Resolved},
	InProgress:        {WaitingOnCustomer, Resolved},
	WaitingOnCustomer: {InProgress, Resolved},
	Resolved:          {InProgress},
}

// Case is one follow-up with one customer about one reason.
type Case struct {
	ID               int64      `json:"id"`
	WorkspaceID      int64      `json:"-"`
	CustomerID       int64      `json:"customer_id"`
	Reason           string     `json:"reason"`
	Title            string     `json:"title"`
	RuleID           *int64     `json:"rule_id"`
	Status           string     `json:"status"`
	Priority         string     `json:"priority"`
	TeamID           *int64     `json:"team_id"`
	OwnerID          *int64     `json:"owner_id"`
	Touchpoint       string     `json:"touchpoint"`
	Channel          string     `json:"channel"`
	SourceKind       string     `json:"source_kind"` // response, event, customer, manual
	SourceID         *int64     `json:"source_id"`
	Metric           string     `json:"metric"`
	ScoreBefore      *int       `json:"score_before"`
	ScoreAfter       *int       `json:"score_after"`
	RootCause        string     `json:"root_cause"`
	Resolution       string     `json:"resolution"`
	FirstResponseDue time.Time  `json:"first_response_due"`
	ResolutionDue    time.Time  `json:"resolution_due"`
	FirstResponseAt  *time.Time `json:"first_response_at"`
	ResolvedAt       *time.Time `json:"resolved_at"`
	ClosedAt         *time.Time `json:"closed_at"`
	Escalated        []string   `json:"escalated"` // the deadlines that passed: first_response, resolution
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
	gen              int
	escalations      int
}

// The deadlines a case has, as bits of cases.escalations once passed.
const (
	FirstResponse = "first_response"
	Resolution    = "resolution"
)

var deadlineBit = map[string]int{FirstResponse: 1, Resolution: 2}

// Note is an entry on a case: an internal note, a logged contact with the
// customer (the first one is the first response), or a system record.
type Note struct {
	ID        int64     `json:"id"`
	CaseID    int64     `json:"case_id"`
	Kind      string    `json:"kind"` // note, contact, system
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	CreatedAt time.Time `json:"created_at"`
}
