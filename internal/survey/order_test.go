package survey

import (
	"testing"

	"github.com/tajrobe/tajrobe/internal/errs"
)

func TestMoveKeepsLogicValid(t *testing.T) {
	three := 6
	base := func() *Survey {
		return &Survey{Name: "s", Questions: []Question{
			{ID: "nps", Kind: NPS, Text: Texts{"en": "?"}},
			{ID: "why", Kind: Text, Text: Texts{"en": "?"}, ShowIf: &Condition{Question: "nps", Max: &three}},
			{ID: "more", Kind: Text, Text: Texts{"en": "?"}}}}
	}
	for _, tc := range []struct {
		id    string
		by    int
		order string
		field string
	}{
		{"more", -1, "nps more why", ""},    // unrelated questions swap freely
		{"why", -1, "nps why more", "move"}, // before the question it depends on
		{"nps", 1, "nps why more", "move"},  // after the question that depends on it
		{"nps", -1, "nps why more", ""},     // the first stays first
		{"more", 1, "nps why more", ""},     // the last stays last
		{"why", 1, "nps more why", ""},
		{"nps", 2, "nps why more", "dir"},
	} {
		s := base()
		err := s.Move(tc.id, tc.by)
		got := s.Questions[0].ID + " " + s.Questions[1].ID + " " + s.Questions[2].ID
		if errs.FieldOf(err) != tc.field || got != tc.order {
			t.Errorf("Move(%s, %d) = %q, %v; want %q, field %q", tc.id, tc.by, got, err, tc.order, tc.field)
		}
		if err == nil && s.Validate() != nil {
			t.Errorf("Move(%s, %d) left an invalid survey: %v", tc.id, tc.by, s.Validate())
		}
	}
	if err := base().Move("nope", 1); !errs.Is(err, errs.NotExist) {
		t.Errorf("an unknown question: %v", err)
	}
}
