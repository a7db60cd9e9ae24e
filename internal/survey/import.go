package survey

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Values are an answer as given: numbers, text, booleans or a list of
// options all arrive as strings, as a person would type them.
type Values []string

// UnmarshalJSON takes a number, a string, a boolean or an array of these.
func (v *Values) UnmarshalJSON(b []byte) error {
	var list []json.RawMessage
	if len(b) > 0 && b[0] == '[' {
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
	} else {
		list = []json.RawMessage{b}
	}
	for _, raw := range list {
		var x any
		if err := json.Unmarshal(raw, &x); err != nil {
			return err
		}
		switch t := x.(type) {
		case string:
			*v = append(*v, t)
		case float64:
			*v = append(*v, strconv.FormatFloat(t, 'f', -1, 64))
		case bool:
			*v = append(*v, map[bool]string{true: "yes", false: "no"}[t])
		case nil:
		default:
			return errs.E("survey.Values", errs.Invalid, "an answer is a number, text, true/false or a list of them")
		}
	}
	return nil
}

// Imported is one response collected elsewhere: a paper form, another
// tool, a call centre's spreadsheet.
type Imported struct {
	ExternalID string              `json:"external_id"`
	Customer   []customer.Identity `json:"customer,omitempty"`
	Touchpoint string              `json:"touchpoint,omitempty"`
	Channel    string              `json:"channel,omitempty"`
	Language   string              `json:"language,omitempty"`
	AnsweredAt time.Time           `json:"answered_at"`
	Answers    map[string]Values   `json:"answers"`
}

// ItemError is one rejected item of a batch.
type ItemError struct {
	Index int
	Err   error
}

// prepared is an import item that passed validation.
type prepared struct {
	ids []customer.Identity
	sub Submission
}

// Import stores the valid items as complete responses and reports the
// others; an item imported again (same external id) replaces its answers,
// so re-running an import never stores anything twice.
func Import(ctx context.Context, db *store.DB, s *Survey, region string, items []Imported) ([]Result, []ItemError, error) {
	var ok []prepared
	var bad []ItemError
	for i := range items {
		p, err := prepareImport(s, region, &items[i])
		if err != nil {
			bad = append(bad, ItemError{Index: i, Err: err})
			continue
		}
		ok = append(ok, p)
	}
	results := make([]Result, 0, len(ok))
	err := db.InTx(ctx, func(tx *store.Tx) error {
		for _, p := range ok {
			r, err := importOne(ctx, tx, p)
			if err != nil {
				return err
			}
			results = append(results, r)
		}
		return nil
	})
	return results, bad, errs.Wrap("survey.Import", err)
}

func importOne(ctx context.Context, tx *store.Tx, p prepared) (Result, error) {
	if len(p.ids) > 0 {
		res, err := customer.Resolve(ctx, tx, p.sub.Survey.WorkspaceID, p.ids, nil)
		if err != nil {
			return Result{}, err
		}
		p.sub.CustomerID = res.CustomerID
	}
	return Submit(ctx, tx, &p.sub)
}

func prepareImport(s *Survey, region string, it *Imported) (prepared, error) {
	const op = "survey.Import"
	if it.ExternalID == "" || len(it.ExternalID) > 128 {
		return prepared{}, errs.Field(op, "external_id", "each imported response needs an external_id of 1 to 128 bytes")
	}
	if it.AnsweredAt.IsZero() {
		return prepared{}, errs.Field(op, "answered_at", "answered_at is required, e.g. 2025-03-01T10:00:00Z")
	}
	ids, err := customer.NormalizeAll(it.Customer, region)
	if err != nil {
		return prepared{}, err
	}
	answers, err := s.ParseAll(it.Answers)
	if err != nil {
		return prepared{}, err
	}
	if len(answers) == 0 {
		return prepared{}, errs.Field(op, "answers", "the response has no answers")
	}
	return prepared{ids: ids, sub: Submission{Survey: s, SourceKey: "import:" + it.ExternalID,
		Touchpoint: firstOf(it.Touchpoint, s.Touchpoint), Channel: firstOf(it.Channel, "import"),
		Language: firstOf(it.Language, "fa"), Answers: answers, Complete: true, At: it.AnsweredAt.UTC(),
		EditFor: 1 << 62, AllowClosed: true}}, nil
}

// ParseAll parses answers given by question id; unknown ids are errors.
func (s *Survey) ParseAll(in map[string]Values) ([]*Answer, error) {
	for id := range in {
		if _, ok := s.Question(id); !ok {
			return nil, errs.Field("survey.ParseAll", id, "the survey has no question %q", id)
		}
	}
	var out []*Answer
	for i := range s.Questions {
		q := &s.Questions[i]
		a, err := q.Parse(in[q.ID])
		if err != nil {
			return nil, err
		}
		if a != nil {
			out = append(out, a)
		}
	}
	return out, nil
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
