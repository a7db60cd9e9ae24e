package survey

import (
	"context"
	"strings"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// KeypadAnswer is one answer a phone system collected: the caller's
// number as the switch wrote it, the survey and question, the digits.
type KeypadAnswer struct {
	WorkspaceID int64  `json:"workspace_id"`
	SurveyID    int64  `json:"survey_id"`
	Question    string `json:"question"`
	Caller      string `json:"caller"`
	Digits      string `json:"digits"`
	CallID      string `json:"call_id"`
	Language    string `json:"language,omitempty"`
}

// KeypadResult tells the phone system what to ask next ("" when done).
type KeypadResult struct {
	ResponseID int64  `json:"response_id"`
	CustomerID int64  `json:"customer_id,omitempty"`
	Next       string `json:"next_question"`
}

// withheld caller ids a switch sends when the number is hidden.
var withheld = map[string]bool{"": true, "anonymous": true, "unknown": true, "private": true, "restricted": true}

// RecordKeypad stores a keypad answer on the customer found by the
// caller's number in any format; an unknown number becomes a new customer
// (the answer is not lost), a withheld one an anonymous response. One
// call is one response, so a repeated request changes nothing.
func RecordKeypad(ctx context.Context, db *store.DB, region string, k KeypadAnswer) (KeypadResult, error) {
	const op = "survey.RecordKeypad"
	if k.CallID == "" || len(k.CallID) > 100 {
		return KeypadResult{}, errs.Field(op, "call_id", "call_id is required (1 to 100 bytes)")
	}
	s, err := Get(ctx, db, k.WorkspaceID, k.SurveyID)
	if err != nil {
		return KeypadResult{}, err
	}
	q, ok := s.Question(k.Question)
	if !ok {
		return KeypadResult{}, errs.Field(op, "question", "survey %d has no question %q", s.ID, k.Question)
	}
	a, err := q.Parse([]string{k.Digits})
	if err != nil || a == nil {
		return KeypadResult{}, errs.Field(op, "digits", "digits %q do not answer %s", k.Digits, q.ID)
	}
	var ids []customer.Identity
	if !withheld[strings.ToLower(strings.TrimSpace(k.Caller))] {
		if ids, err = customer.NormalizeAll([]customer.Identity{{Kind: customer.Phone, Value: k.Caller}}, region); err != nil {
			return KeypadResult{}, errs.Field(op, "caller", "caller %q is not a phone number", k.Caller)
		}
	}
	return recordKeypad(ctx, db, s, a, ids, k)
}

func recordKeypad(ctx context.Context, db *store.DB, s *Survey, a *Answer, ids []customer.Identity, k KeypadAnswer) (KeypadResult, error) {
	var out KeypadResult
	err := db.InTx(ctx, func(tx *store.Tx) error {
		if len(ids) > 0 {
			res, err := customer.Resolve(ctx, tx, k.WorkspaceID, ids, nil)
			if err != nil {
				return err
			}
			out.CustomerID = res.CustomerID
		}
		old, err := findResponse(ctx, tx, k.WorkspaceID, "ivr:"+k.CallID)
		if err != nil {
			return err
		}
		answers := mergeAnswers(s, old, []*Answer{a})
		next := s.Next(answers, nil)
		res, err := Submit(ctx, tx, &Submission{Survey: s, SourceKey: "ivr:" + k.CallID, CustomerID: out.CustomerID,
			Touchpoint: s.Touchpoint, Channel: "ivr", Language: firstOf(k.Language, "fa"), Answers: []*Answer{a},
			Complete: len(next) == 0, EditFor: 1 << 40})
		out.ResponseID = res.ResponseID
		if len(next) > 0 {
			out.Next = next[0].ID
		}
		return err
	})
	return out, err
}
