package survey

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/tajrobe/tajrobe/internal/store"
)

// Visible reports whether q is shown given the answers so far: a question
// with a condition is shown only once the question it depends on was
// answered within the condition.
func (q *Question) Visible(answers map[string]*Answer) bool {
	c := q.ShowIf
	if c == nil {
		return true
	}
	a := answers[c.Question]
	if a == nil {
		return false
	}
	if len(c.Choices) > 0 {
		for _, ch := range a.Choices {
			if slices.Contains(c.Choices, ch) {
				return true
			}
		}
		return false
	}
	if a.Score == nil {
		return false
	}
	return (c.Min == nil || *a.Score >= *c.Min) && (c.Max == nil || *a.Score <= *c.Max)
}

// Profile holds what the respondent's profile already says, by trait name.
type Profile map[string]bool

// Next returns the questions to show now: the visible, unanswered ones in
// order, stopping after the first one a later question depends on, so a
// page that works without JavaScript can still branch. Questions whose
// answer the profile already holds are skipped.
func (s *Survey) Next(answers map[string]*Answer, p Profile) []*Question {
	var out []*Question
	for i := range s.Questions {
		q := &s.Questions[i]
		if answers[q.ID] != nil || !q.Visible(answers) || (q.Trait != "" && p[q.Trait]) {
			continue
		}
		out = append(out, q)
		if s.isSource(q.ID) {
			break
		}
	}
	return out
}

// Shown returns every question to show when editing a whole response.
func (s *Survey) Shown(answers map[string]*Answer, p Profile) []*Question {
	var out []*Question
	for i := range s.Questions {
		q := &s.Questions[i]
		if q.Visible(answers) && (q.Trait == "" || !p[q.Trait] || answers[q.ID] != nil) {
			out = append(out, q)
		}
	}
	return out
}

// isSource reports whether a later question's condition depends on id.
func (s *Survey) isSource(id string) bool {
	for _, q := range s.Questions {
		if q.ShowIf != nil && q.ShowIf.Question == id {
			return true
		}
	}
	return false
}

// Prune drops answers to questions the other answers hide, so changing
// an NPS from 3 to 9 also drops the "what went wrong?" it no longer shows.
func (s *Survey) Prune(answers map[string]*Answer) {
	for i := range s.Questions {
		q := &s.Questions[i]
		if answers[q.ID] != nil && !q.Visible(answers) {
			delete(answers, q.ID)
		}
	}
}

// ProfileOf returns the traits the customer's profile holds, in one
// query: the survey pages skip questions these answer.
func ProfileOf(ctx context.Context, db *store.DB, workspaceID, customerID int64) Profile {
	p := Profile{}
	if customerID == 0 {
		return p
	}
	var raw []byte
	if db.QueryRow(ctx, `SELECT traits FROM customers WHERE workspace_id = ? AND id = ?`, workspaceID, customerID).Scan(&raw) != nil {
		return p
	}
	var traits map[string]json.RawMessage
	json.Unmarshal(raw, &traits)
	for k, v := range traits {
		if s := string(v); s != "null" && s != `""` {
			p[k] = true
		}
	}
	return p
}
