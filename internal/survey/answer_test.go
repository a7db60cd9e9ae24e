package survey

import (
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/errs"
)

func TestParseAnswers(t *testing.T) {
	choice := Question{ID: "found", Kind: Single, Options: []Option{{ID: "yes"}, {ID: "no"}}}
	multi := Question{ID: "feel", Kind: Emotion, Options: Emotions()}
	tests := []struct {
		name  string
		q     Question
		in    []string
		score int
		text  string
		fail  errs.Kind
	}{
		{"nps in Persian digits", Question{ID: "nps", Kind: NPS}, []string{"۹"}, 9, "", 0},
		{"nps in Arabic digits", Question{ID: "nps", Kind: NPS}, []string{" ١٠ "}, 10, "", 0},
		{"nps too high", Question{ID: "nps", Kind: NPS}, []string{"11"}, 0, "", errs.Invalid},
		{"nps negative", Question{ID: "nps", Kind: NPS}, []string{"-1"}, 0, "", errs.Invalid},
		{"csat zero", Question{ID: "csat", Kind: CSAT}, []string{"0"}, 0, "", errs.Invalid},
		{"ces seven", Question{ID: "ces", Kind: CES}, []string{"7"}, 7, "", 0},
		{"ces not a number", Question{ID: "ces", Kind: CES}, []string{"خیلی"}, 0, "", errs.Invalid},
		{"rating beyond scale", Question{ID: "r", Kind: Rating, Scale: 5}, []string{"6"}, 0, "", errs.Invalid},
		{"yes in Persian", Question{ID: "ok", Kind: YesNo}, []string{"بله"}, 1, "", 0},
		{"2 means no", Question{ID: "ok", Kind: YesNo}, []string{"۲"}, 0, "", 0},
		{"unknown option", choice, []string{"maybe"}, 0, "", errs.Invalid},
		{"two options for single", choice, []string{"yes", "no"}, 0, "", errs.Invalid},
		{"huge comment", Question{ID: "why", Kind: Text}, []string{strings.Repeat("ب", MaxComment+1)}, 0, "", errs.TooLarge},
		{"script kept as written", Question{ID: "why", Kind: Text}, []string{"<script>alert(1)</script> می\u200cخواهم 🍕"}, 0, "<script>alert(1)</script> می\u200cخواهم 🍕", 0},
		{"emotions split on ;", multi, []string{"belonging;thrill", "thrill"}, 0, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := tt.q.Parse(tt.in)
			if tt.fail != 0 {
				if !errs.Is(err, tt.fail) || errs.FieldOf(err) != tt.q.ID {
					t.Fatalf("Parse(%q) = %v, %v; want a %v error on field %s", tt.in, a, err, tt.fail, tt.q.ID)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Score != nil && *a.Score != tt.score || a.Text != tt.text {
				t.Fatalf("Parse(%q) = %+v", tt.in, a)
			}
			if tt.q.Kind == Emotion && strings.Join(a.Choices, ",") != "belonging,thrill" {
				t.Fatalf("choices = %v", a.Choices)
			}
		})
	}
}

func TestEmptyInputIsNotAnAnswer(t *testing.T) {
	q := Question{ID: "nps", Kind: NPS}
	if a, err := q.Parse([]string{"", "  "}); a != nil || err != nil {
		t.Fatalf("Parse(blank) = %v, %v", a, err)
	}
}

func TestScores(t *testing.T) {
	s := Tally{NPS: {10: 5, 9: 1, 8: 2, 3: 2}, CSAT: {5: 3, 4: 1, 2: 1}, CES: {7: 1, 4: 2}}.Compute()
	if s.NPS.Count != 10 || *s.NPS.Score != 40 || s.NPS.Detractors != 2 || s.NPS.Passives != 2 {
		t.Errorf("NPS = %+v, score %v", s.NPS, *s.NPS.Score)
	}
	if s.CSAT.Count != 5 || *s.CSAT.Score != 80 || *s.CSAT.Mean != 4.2 {
		t.Errorf("CSAT = %+v", s.CSAT)
	}
	if s.CES.Count != 3 || *s.CES.Score != 5 {
		t.Errorf("CES = %+v", s.CES)
	}
	if e := (Tally{}).Compute(); e.NPS.Score != nil || e.CSAT.Score != nil || e.CES.Score != nil {
		t.Errorf("no answers must give null scores, got %+v", e)
	}
}

func TestSignal(t *testing.T) {
	for _, c := range []struct {
		k     Kind
		score int
		want  int
	}{{NPS, 0, -2}, {NPS, 6, -1}, {NPS, 8, 0}, {NPS, 10, 2}, {CSAT, 1, -2}, {CSAT, 5, 2}, {CES, 4, 0}, {CES, 7, 2}} {
		if got := Signal(c.k, c.score); got != c.want {
			t.Errorf("Signal(%s, %d) = %d, want %d", c.k, c.score, got, c.want)
		}
	}
}

func TestLogicShowsWhyOnlyAfterALowScore(t *testing.T) {
	s, _ := Template("post_purchase_nps")
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if next := s.Next(nil, nil); len(next) != 1 || next[0].ID != "nps" {
		t.Fatalf("first page = %v, want only nps (later questions depend on it)", ids(next))
	}
	low := map[string]*Answer{"nps": {Question: "nps", Kind: NPS, Score: ip(4)}}
	if next := s.Next(low, nil); len(next) != 1 || next[0].ID != "why" {
		t.Fatalf("after NPS 4 = %v, want why", ids(next))
	}
	high := map[string]*Answer{"nps": {Question: "nps", Kind: NPS, Score: ip(10)}, "why": {Question: "why", Kind: Text, Text: "x"}}
	s.Prune(high)
	if high["why"] != nil {
		t.Fatal("raising the score must drop the why answer it hides")
	}
}

func TestProfileTraitsSkipQuestions(t *testing.T) {
	s, _ := Template("store_visit")
	s.Validate()
	done := map[string]*Answer{"csat": {Question: "csat", Kind: CSAT, Score: ip(5)}}
	for _, q := range s.Next(done, Profile{"city": true}) {
		if q.ID == "city" {
			t.Fatal("the profile holds the city; the survey must not ask it")
		}
	}
}

func TestEveryTemplateIsValid(t *testing.T) {
	for _, k := range TemplateKeys() {
		s, err := Template(k)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("template %s: %v", k, err)
		}
		for _, q := range s.Questions {
			if q.Text["fa"] == "" || q.Text["en"] == "" {
				t.Errorf("template %s question %s lacks fa or en text", k, q.ID)
			}
		}
	}
}

func TestValidateNamesTheField(t *testing.T) {
	s := Survey{Name: "x", Questions: []Question{{ID: "a", Kind: NPS, Text: Texts{"fa": "؟"}},
		{ID: "b", Kind: Text, Text: Texts{"en": "?"}, ShowIf: &Condition{Question: "zzz", Max: ip(3)}}}}
	if err := s.Validate(); errs.FieldOf(err) != "questions[1].show_if.question" {
		t.Fatalf("err = %v (field %q)", err, errs.FieldOf(err))
	}
}

func ids(qs []*Question) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return out
}
