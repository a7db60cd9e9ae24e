// Package survey owns feedback: surveys and their questions in Persian and
// English, invitations with signed tokens, responses stored one row per
// answer, scores (NPS, CSAT, CES), the contact rule that keeps customers
// from tiring, response webhooks, and surveys sent after touchpoint events.
package survey

import (
	"net/url"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Status is where a survey is in its life.
type Status string

// The statuses. Only published surveys take responses.
const (
	Draft     Status = "draft"
	Published Status = "published"
	Closed    Status = "closed"
)

// Trigger sends a survey after an event at a touchpoint: delivery
// completed, then the delivery CSAT two hours later.
type Trigger struct {
	Event        string `json:"event,omitempty"`      // the event name, e.g. "Order Delivered"
	Touchpoint   string `json:"touchpoint,omitempty"` // or any event at this touchpoint
	DelayMinutes int    `json:"delay_minutes"`
	Channel      string `json:"channel,omitempty"` // email or sms; empty picks what the customer consented to
}

// Active reports whether the trigger names anything to react to.
func (t Trigger) Active() bool { return t.Event != "" || t.Touchpoint != "" }

// Survey is a set of questions asked at one moment of the journey.
type Survey struct {
	ID            int64      `json:"id"`
	WorkspaceID   int64      `json:"-"`
	Name          string     `json:"name"`
	Template      string     `json:"template,omitempty"`
	Status        Status     `json:"status"`
	Touchpoint    string     `json:"touchpoint,omitempty"`
	Questions     []Question `json:"questions"`
	Trigger       Trigger    `json:"trigger"`
	PublicSlug    string     `json:"public_slug,omitempty"`
	WebhookURL    string     `json:"webhook_url,omitempty"`
	WebhookSecret string     `json:"webhook_secret,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	PublishedAt   *time.Time `json:"published_at,omitempty"`
}

// maxQuestions bounds a survey; a longer one tires every respondent.
const maxQuestions = 40

// Validate fills defaults and checks the survey, naming the bad field.
func (s *Survey) Validate() error {
	const op = "survey.Validate"
	s.Name = strings.TrimSpace(s.Name)
	if s.Name == "" || len(s.Name) > 200 {
		return errs.Field(op, "name", "a survey needs a name of 1 to 200 bytes")
	}
	if s.Status == "" {
		s.Status = Draft
	}
	if len(s.Questions) == 0 || len(s.Questions) > maxQuestions {
		return errs.Field(op, "questions", "a survey needs 1 to %d questions (or a template)", maxQuestions)
	}
	seen := map[string]int{}
	for i := range s.Questions {
		q := &s.Questions[i]
		f := "questions[" + itoa(i) + "]"
		if err := q.validate(f); err != nil {
			return err
		}
		if _, dup := seen[q.ID]; dup {
			return errs.Field(op, f+".id", "question id %q is used twice", q.ID)
		}
		seen[q.ID] = i
		if err := s.validateCondition(q, f, seen); err != nil {
			return err
		}
	}
	return s.validateLinks()
}

// validateCondition checks that a condition refers to an earlier question,
// so logic can never loop.
func (s *Survey) validateCondition(q *Question, f string, seen map[string]int) error {
	c := q.ShowIf
	if c == nil {
		return nil
	}
	i, ok := seen[c.Question]
	if !ok || s.Questions[i].ID == q.ID {
		return errs.Field("survey.Validate", f+".show_if.question", "show_if must name an earlier question, not %q", c.Question)
	}
	if c.Min == nil && c.Max == nil && len(c.Choices) == 0 {
		return errs.Field("survey.Validate", f+".show_if", "show_if needs min, max or choices")
	}
	return nil
}

func (s *Survey) validateLinks() error {
	const op = "survey.Validate"
	if s.WebhookURL != "" {
		u, err := url.Parse(s.WebhookURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return errs.Field(op, "webhook_url", "webhook_url must be an http or https URL")
		}
	}
	if s.Trigger.DelayMinutes < 0 || s.Trigger.DelayMinutes > 60*24*60 {
		return errs.Field(op, "trigger.delay_minutes", "the delay must be 0 to 86400 minutes (60 days)")
	}
	switch s.Trigger.Channel {
	case "", "email", "sms":
		return nil
	}
	return errs.Field(op, "trigger.channel", "trigger channel must be email or sms, not %q", s.Trigger.Channel)
}

// Question returns the question with id.
func (s *Survey) Question(id string) (*Question, bool) {
	for i := range s.Questions {
		if s.Questions[i].ID == id {
			return &s.Questions[i], true
		}
	}
	return nil, false
}

// Primary returns the survey's headline question: its first NPS, CSAT or
// CES question, else its first scored question; nil when none is scored.
func (s *Survey) Primary() *Question {
	var first *Question
	for i := range s.Questions {
		q := &s.Questions[i]
		switch {
		case q.Kind == NPS || q.Kind == CSAT || q.Kind == CES:
			return q
		case first == nil && q.Scored():
			first = q
		}
	}
	return first
}
