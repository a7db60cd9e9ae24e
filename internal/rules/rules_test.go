package rules

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/errs"
)

func num(v float64) *float64 { return &v }

func detractor() Rule {
	return Rule{Name: "NPS detractors", Enabled: true, Trigger: Trigger{Kind: OnResponse},
		When: []Condition{{Kind: Score, Metric: "nps", Op: Lte, Value: num(6)}},
		Then: []Action{{Kind: OpenCase, Reason: "detractor", Team: "support"}}}
}

func TestValidateRefusesRulesThatCanNeverMatch(t *testing.T) {
	env := &Env{Teams: map[string]bool{"support": true}}
	cases := []struct {
		name, field, msg string
		edit             func(r *Rule)
	}{
		{"ok", "", "", func(r *Rule) {}},
		{"no name", "name", "name", func(r *Rule) { r.Name = "  " }},
		{"unknown trigger", "trigger.kind", "trigger kind", func(r *Rule) { r.Trigger.Kind = "tuesday" }},
		{"score outside range", "when[0].value", "can never hold", func(r *Rule) { r.When[0].Value = num(-1) }},
		{"csat above 5", "when[0].value", "csat runs from 1 to 5", func(r *Rule) {
			r.When[0] = Condition{Kind: Score, Metric: "csat", Op: Gt, Value: num(5)}
		}},
		{"contradiction", "when", "nps ≤ 6 (when[0]) and nps ≥ 9 (when[1])", func(r *Rule) {
			r.When = append(r.When, Condition{Kind: Score, Metric: "nps", Op: Gte, Value: num(9)})
		}},
		{"equal and not equal", "when", "can never all hold", func(r *Rule) {
			r.When = []Condition{{Kind: Score, Metric: "nps", Op: Eq, Value: num(3)}, {Kind: Score, Metric: "nps", Op: Ne, Value: num(3)}}
		}},
		{"two sentiments", "when", "can never all hold", func(r *Rule) {
			r.When = []Condition{{Kind: CommentSentiment, Values: []string{"negative"}}, {Kind: CommentSentiment, Values: []string{"positive"}}}
		}},
		{"score on an event", "when[0].kind", "can never match", func(r *Rule) { r.Trigger.Kind = OnEvent }},
		{"signal below -2", "when[0].value", "can never hold", func(r *Rule) {
			r.Trigger.Kind = OnEvent
			r.When = []Condition{{Kind: Signal, Op: Lt, Value: num(-2)}}
		}},
		{"empty any", "when[0].of", "can never match", func(r *Rule) { r.When = []Condition{{Kind: Any}} }},
		{"no words", "when[0].values", "can never match", func(r *Rule) { r.When = []Condition{{Kind: CommentContains}} }},
		{"count window", "when[0].days", "days", func(r *Rule) {
			r.When = []Condition{{Kind: SignalCount, Value: num(-1), Count: 3}}
		}},
		{"unknown team", "then[0].team", "no team", func(r *Rule) { r.Then[0].Team = "ghosts" }},
		{"no reason", "then[0].reason", "reason", func(r *Rule) { r.Then[0].Reason = "" }},
		{"no actions", "then", "at least one action", func(r *Rule) { r.Then = nil }},
		{"notify nobody", "then[0].to", "notify", func(r *Rule) { r.Then = []Action{{Kind: Notify}} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := detractor()
			c.edit(&r)
			err := Validate(&r, env)
			if c.field == "" {
				if err != nil {
					t.Fatalf("a good rule was refused: %v", err)
				}
				return
			}
			if !errs.Is(err, errs.Invalid) || errs.FieldOf(err) != c.field || !strings.Contains(errs.Message(err), c.msg) {
				t.Fatalf("err = %v (field %q), want field %q saying %q", err, errs.FieldOf(err), c.field, c.msg)
			}
		})
	}
}

func TestValidateRefusesLoops(t *testing.T) {
	self := Rule{Name: "echo", Enabled: true, Trigger: Trigger{Kind: OnCase},
		Then: []Action{{Kind: OpenCase, Reason: "vip"}}}
	err := Validate(&self, nil)
	if errs.FieldOf(err) != "then" || !strings.Contains(errs.Message(err), `rule "echo" again`) {
		t.Fatalf("a rule answering every case with a case must be refused: %v", err)
	}
	a := Rule{ID: 1, Name: "A", Enabled: true, Trigger: Trigger{Kind: OnCase, Reason: "x"}, Then: []Action{{Kind: OpenCase, Reason: "y"}}}
	b := Rule{ID: 2, Name: "B", Enabled: true, Trigger: Trigger{Kind: OnCase, Reason: "y"}, Then: []Action{{Kind: OpenCase, Reason: "x"}}}
	if err := Validate(&a, &Env{}); err != nil {
		t.Fatalf("A alone is fine: %v", err)
	}
	err = Validate(&b, &Env{Rules: []Rule{a}})
	if err == nil || !strings.Contains(errs.Message(err), `rule "B" sets off a case trigger (reason "x"), which starts rule "A" sets off`) {
		t.Fatalf("B with A loops: %v", err)
	}
	c := Rule{Name: "C", Enabled: true, Trigger: Trigger{Kind: OnCase, Reason: "y"}, Then: []Action{{Kind: Notify, To: "lead"}}}
	if err := Validate(&c, &Env{Rules: []Rule{a}}); err != nil {
		t.Fatalf("notify sets nothing off: %v", err)
	}
	b.Trigger.Reason = "z" // editing B so it no longer answers A's cases
	if err := Validate(&b, &Env{Rules: []Rule{a, b}}); err != nil {
		t.Fatalf("B's stored version must not count against its new one: %v", err)
	}
}

func TestMatch(t *testing.T) {
	three := 3
	minus := -1
	facts := &Facts{Trigger: OnResponse, Touchpoint: "delivery", Channel: "sms",
		Scores:    map[string]int{"nps": 3},
		Answers:   map[string]AnswerFact{"why": {Choices: []string{"late", "rude"}}, "q": {Score: &three}},
		Comment:   "پیک خیلی دیر رسید و کفش‌ها خیس بود 😡",
		Sentiment: func() string { return "negative" },
		Traits:    map[string]json.RawMessage{"vip": json.RawMessage(`true`), "tier": json.RawMessage(`"gold"`), "orders": json.RawMessage(`12`)},
		CountSignals: func(tp string, atMost, days int) (int, error) {
			if tp == "delivery" && atMost == -1 && days == 30 {
				return 3, nil
			}
			return 0, nil
		}}
	event := &Facts{Trigger: OnEvent, Touchpoint: "delivery", Signal: &minus}
	cases := []struct {
		name  string
		f     *Facts
		t     Trigger
		c     Condition
		match bool
	}{
		{"nps ≤ 6", facts, Trigger{Kind: OnResponse}, Condition{Kind: Score, Metric: "nps", Op: Lte, Value: num(6)}, true},
		{"nps ≥ 9", facts, Trigger{Kind: OnResponse}, Condition{Kind: Score, Metric: "nps", Op: Gte, Value: num(9)}, false},
		{"csat absent", facts, Trigger{Kind: OnResponse}, Condition{Kind: Score, Metric: "csat", Op: Lte, Value: num(2)}, false},
		{"other touchpoint", facts, Trigger{Kind: OnResponse, Touchpoint: "checkout"}, Condition{Kind: Score, Metric: "nps", Op: Lte, Value: num(6)}, false},
		{"keypad channel", facts, Trigger{Kind: OnResponse, Channel: "sms"}, Condition{Kind: Score, Metric: "nps", Op: Lte, Value: num(6)}, true},
		{"chosen answer", facts, Trigger{Kind: OnResponse}, Condition{Kind: Answer, Question: "why", Op: In, Values: []string{"rude"}}, true},
		{"not chosen", facts, Trigger{Kind: OnResponse}, Condition{Kind: Answer, Question: "why", Op: Ne, Values: []string{"rude"}}, false},
		{"answer score", facts, Trigger{Kind: OnResponse}, Condition{Kind: Answer, Question: "q", Op: Lt, Value: num(4)}, true},
		{"word with Arabic yeh and ZWNJ", facts, Trigger{Kind: OnResponse}, Condition{Kind: CommentContains, Values: []string{"دير"}}, true},
		{"phrase", facts, Trigger{Kind: OnResponse}, Condition{Kind: CommentContains, Values: []string{"دیر رسید"}}, true},
		{"part of a word is not a word", facts, Trigger{Kind: OnResponse}, Condition{Kind: CommentContains, Values: []string{"رس"}}, false},
		{"sentiment", facts, Trigger{Kind: OnResponse}, Condition{Kind: CommentSentiment, Values: []string{"negative"}}, true},
		{"three in 30 days", facts, Trigger{Kind: OnResponse}, Condition{Kind: SignalCount, Touchpoint: "delivery", Value: num(-1), Count: 3, Days: 30}, true},
		{"four in 30 days", facts, Trigger{Kind: OnResponse}, Condition{Kind: SignalCount, Touchpoint: "delivery", Value: num(-1), Count: 4, Days: 30}, false},
		{"vip", facts, Trigger{Kind: OnResponse}, Condition{Kind: Trait, Trait: "vip", Op: Eq, Values: []string{"true"}}, true},
		{"tier", facts, Trigger{Kind: OnResponse}, Condition{Kind: Trait, Trait: "tier", Op: In, Values: []string{"gold", "platinum"}}, true},
		{"orders > 10", facts, Trigger{Kind: OnResponse}, Condition{Kind: Trait, Trait: "orders", Op: Gt, Value: num(10)}, true},
		{"missing trait ne", facts, Trigger{Kind: OnResponse}, Condition{Kind: Trait, Trait: "banned", Op: Ne, Values: []string{"true"}}, true},
		{"signal at touchpoint", event, Trigger{Kind: OnEvent, Touchpoint: "delivery"}, Condition{Kind: Signal, Op: Lte, Value: num(-1)}, true},
		{"signal too mild", event, Trigger{Kind: OnEvent}, Condition{Kind: Signal, Op: Lte, Value: num(-2)}, false},
		{"any", facts, Trigger{Kind: OnResponse}, Condition{Kind: Any, Of: []Condition{
			{Kind: Score, Metric: "nps", Op: Gte, Value: num(9)}, {Kind: CommentSentiment, Values: []string{"negative"}}}}, true},
		{"wrong trigger", event, Trigger{Kind: OnResponse}, Condition{Kind: Trait, Trait: "vip", Op: Eq, Values: []string{"true"}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Rule{Name: c.name, Enabled: true, Trigger: c.t, When: []Condition{c.c}, Then: []Action{{Kind: Notify, To: "team"}}}
			if err := Validate(&r, nil); err != nil {
				t.Fatalf("validate: %v", err)
			}
			got, err := Match(&r, c.f)
			if err != nil || got != c.match {
				t.Fatalf("Match = %v, %v; want %v", got, err, c.match)
			}
			r.Enabled = false
			if got, _ := Match(&r, c.f); got {
				t.Fatal("a disabled rule matched")
			}
		})
	}
}
