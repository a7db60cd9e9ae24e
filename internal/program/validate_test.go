package program

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
)

func num(v float64) *float64 { return &v }
func str(s string) *string   { return &s }
func intp(n int) *int        { return &n }

func testEnv() *Env {
	known := map[string]bool{"Order Completed": true, "Warranty Claimed": true}
	return &Env{Now: time.Date(2026, 4, 4, 10, 0, 0, 0, time.UTC), Location: time.UTC,
		KnownEvent: func(n string) bool { return known[n] }, Touchpoints: map[string]bool{"checkout": true},
		Surveys: map[int64]bool{7: true}, Teams: map[string]bool{"support": true}}
}

func offer() Program {
	return Program{Name: "پیشنهاد فصل", Trigger: Trigger{Kind: rules.OnEvent, Event: "Order Completed"},
		Steps: []Step{
			{ID: "wait", Kind: Wait, For: "2mo"},
			{ID: "split", Kind: Branch, Paths: []Path{{Name: "A", When: []rules.Condition{{Kind: Random, Op: rules.Lt, Value: num(50)}}, Next: "sms"}}, Else: "mail"},
			{ID: "sms", Kind: Act, Next: End, Action: &Action{Action: rules.Action{Kind: SendSMS},
				Template: &Template{FA: &Text{Body: "{{first_name|دوست عزیز}}، تخفیف فصل {{brand}} منتظر شماست"}}}},
			{ID: "mail", Kind: Act, Action: &Action{Action: rules.Action{Kind: SendEmail},
				Template: &Template{EN: &Text{Subject: "For you, {{first_name}}", Body: "Hello {{name}}"}}}},
		},
		Goal: &Goal{Event: "Order Completed", WithinDays: 14}}
}

func TestValidateRefusesProgramsThatCannotRunWell(t *testing.T) {
	cases := []struct {
		name, field, msg string
		edit             func(p *Program)
	}{
		{"ok", "", "", func(p *Program) {}},
		{"no name", "name", "name", func(p *Program) { p.Name = " " }},
		{"unknown trigger", "trigger.kind", "trigger kind", func(p *Program) { p.Trigger.Kind = "moon" }},
		{"unknown event", "trigger.event", "no event \"Order Shipped\"", func(p *Program) { p.Trigger.Event = "Order Shipped" }},
		{"unknown touchpoint", "trigger.touchpoint", "no touchpoint", func(p *Program) { p.Trigger.Touchpoint = "moon" }},
		{"score on an event", "trigger.when[0].kind", "can never match", func(p *Program) {
			p.Trigger.When = []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: num(6)}}
		}},
		{"contradiction", "trigger.when", "never all hold", func(p *Program) {
			p.Trigger.When = []rules.Condition{{Kind: Random, Op: rules.Lt, Value: num(10)}, {Kind: Random, Op: rules.Gt, Value: num(10)}}
			p.Trigger.When = []rules.Condition{{Kind: rules.Signal, Op: rules.Lt, Value: num(0)}, {Kind: rules.Signal, Op: rules.Gt, Value: num(1)}}
		}},
		{"jump back", "steps[3].next", "may only move forward", func(p *Program) { p.Steps[3].Next = "wait" }},
		{"self loop", "steps[1].else", "loop forever", func(p *Program) { p.Steps[1].Else = "split" }},
		{"unknown step", "steps[1].paths[0].next", "no step", func(p *Program) { p.Steps[1].Paths[0].Next = "nowhere" }},
		{"unreachable", "steps[3]", "no path leads", func(p *Program) { p.Steps[1].Else = "sms" }},
		{"wait in the past", "steps[0].until", "in the past", func(p *Program) { p.Steps[0].For, p.Steps[0].Until = "", str("2025-01-01") }},
		{"jalali wait in the past", "steps[0].until", "in the past", func(p *Program) { p.Steps[0].For, p.Steps[0].Until = "", str("۱۴۰۴/۰۱/۰۱") }},
		{"two waits at once", "steps[0]", "exactly one", func(p *Program) { p.Steps[0].Until = str("2027-01-01") }},
		{"bad span", "steps[0].for", "unit", func(p *Program) { p.Steps[0].For = "2y" }},
		{"too long", "steps[0].for", "two years", func(p *Program) { p.Steps[0].For = "30mo" }},
		{"weekday wait without hour", "steps[0].hour", "hour", func(p *Program) { p.Steps[0].For, p.Steps[0].OnDay = "", intp(6) }},
		{"endless wait for event", "steps[0].timeout", "wait forever", func(p *Program) { p.Steps[0] = Step{ID: "wait", Kind: WaitEvent, Event: "Order Completed"} }},
		{"wait for unknown event", "steps[0].event", "no event", func(p *Program) { p.Steps[0] = Step{ID: "wait", Kind: WaitEvent, Event: "x", Timeout: "3d"} }},
		{"unknown field", "steps[2].action.template.fa.body", "unknown field {{firstname}}", func(p *Program) {
			p.Steps[2].Action.Template.FA.Body = "سلام {{firstname}}"
		}},
		{"unclosed field", "steps[3].action.template.en.subject", "never closed", func(p *Program) {
			p.Steps[3].Action.Template.EN.Subject = "Hi {{first_name"
		}},
		{"mail without subject", "steps[3].action.template.en.subject", "subject", func(p *Program) { p.Steps[3].Action.Template.EN.Subject = "" }},
		{"no template", "steps[2].action.template", "template", func(p *Program) { p.Steps[2].Action.Template = nil }},
		{"unknown action", "steps[2].action.kind", "unknown action kind", func(p *Program) { p.Steps[2].Action.Kind = "fax" }},
		{"case without reason", "steps[2].action.reason", "reason", func(p *Program) { p.Steps[2].Action = &Action{Action: rules.Action{Kind: rules.OpenCase}} }},
		{"case for unknown team", "steps[2].action.team", "no team", func(p *Program) {
			p.Steps[2].Action = &Action{Action: rules.Action{Kind: rules.OpenCase, Reason: "vip", Team: "ghosts"}}
		}},
		{"bad purpose", "steps[2].action.purpose", "purpose", func(p *Program) { p.Steps[2].Action.Purpose = "spam" }},
		{"survey unknown", "steps[2].action.survey_id", "no survey 9", func(p *Program) {
			p.Steps[2].Action = &Action{Action: rules.Action{Kind: SendSurvey}, SurveyID: 9, Channel: "sms"}
		}},
		{"webhook url", "steps[2].action.url", "http", func(p *Program) { p.Steps[2].Action = &Action{Action: rules.Action{Kind: Webhook}, URL: "ftp://x"} }},
		{"trait value", "steps[2].action.trait", "JSON", func(p *Program) {
			p.Steps[2].Action = &Action{Action: rules.Action{Kind: SetTrait}, Trait: "vip", Value: json.RawMessage(`{`)}
		}},
		{"random for all", "steps[1].paths[0].when[0].value", "between 1% and 99%", func(p *Program) { p.Steps[1].Paths[0].When[0].Value = num(100) }},
		{"path without conditions", "steps[1].paths[0].when", "conditions", func(p *Program) { p.Steps[1].Paths[0].When = nil }},
		{"goal unknown", "goal.event", "no event", func(p *Program) { p.Goal.Event = "x" }},
		{"goal window", "goal.within_days", "within_days", func(p *Program) { p.Goal.WithinDays = 0 }},
		{"exit unknown", "exit.events[0]", "no event", func(p *Program) { p.Exit.Events = []string{"x"} }},
		{"date without trait", "trigger.date.trait", "trait", func(p *Program) { p.Trigger = Trigger{Kind: OnDate, Date: &DateTrigger{}} }},
		{"schedule zone", "trigger.schedule.timezone", "time zone", func(p *Program) {
			p.Trigger = Trigger{Kind: OnSchedule, Schedule: &Schedule{Weekday: 6, Hour: 10, Timezone: "Mars/Olympus"}}
		}},
		{"empty segment", "trigger.when", "segment", func(p *Program) { p.Trigger = Trigger{Kind: OnSegment} }},
		{"reentry", "reentry.policy", "once or after_exit", func(p *Program) { p.Reentry.Policy = "always" }},
		{"bad step id", "steps[0].id", "step id", func(p *Program) { p.Steps[0].ID = "Wait!" }},
		{"no steps", "steps", "1 to 100", func(p *Program) { p.Steps = nil }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := offer()
			c.edit(&p)
			err := Validate(&p, testEnv())
			if c.field == "" {
				if err != nil {
					t.Fatalf("a good program was refused: %v", err)
				}
				return
			}
			if !errs.Is(err, errs.Invalid) || errs.FieldOf(err) != c.field || !strings.Contains(errs.Message(err), c.msg) {
				t.Fatalf("err = %v (field %q), want field %q saying %q", err, errs.FieldOf(err), c.field, c.msg)
			}
		})
	}
}

func TestTemplatesFillInTheCustomersLanguage(t *testing.T) {
	tehran, _ := time.LoadLocation("Asia/Tehran")
	d := &data{lang: "fa", loc: tehran, now: time.Date(2026, 4, 4, 10, 0, 0, 0, tehran), brand: "کفش آریا",
		traits: map[string]json.RawMessage{"name": json.RawMessage(`"سارا محمدی"`), "orders": json.RawMessage(`12`),
			"warranty_ends": json.RawMessage(`"2026-05-01"`)}}
	got := fill("{{first_name}} عزیز، {{trait.orders}} سفارش؛ گارانتی تا {{trait.warranty_ends}}، امروز {{today}}. {{city|تهران}}", d)
	want := "سارا عزیز، ۱۲ سفارش؛ گارانتی تا ۱۱ اردیبهشت ۱۴۰۵، امروز ۱۵ فروردین ۱۴۰۵. تهران"
	if got != want {
		t.Fatalf("fill =\n%q\nwant\n%q", got, want)
	}
	d.lang = "en"
	if got := fill("{{first_name}}: {{trait.orders}}", d); got != "سارا: 12" {
		t.Fatalf("English digits: %q", got)
	}
}

func TestSpans(t *testing.T) {
	start := time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"30m": start.Add(30 * time.Minute), "6h": start.Add(6 * time.Hour), "14d": start.AddDate(0, 0, 14),
		"2w": start.AddDate(0, 0, 14), "2mo": start.AddDate(0, 2, 0), "۳d": start.AddDate(0, 0, 3)} {
		sp, err := ParseSpan(in)
		if err != nil || !sp.After(start).Equal(want) {
			t.Errorf("%s: %v, %v", in, sp.After(start), err)
		}
	}
	for _, bad := range []string{"", "0d", "-1d", "3", "3y", "d"} {
		if _, err := ParseSpan(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

func TestQuietHours(t *testing.T) {
	tehran, _ := time.LoadLocation("Asia/Tehran")
	s := DefaultSettings()
	cases := map[time.Time]time.Time{
		time.Date(2026, 4, 4, 22, 30, 0, 0, tehran): time.Date(2026, 4, 5, 9, 0, 0, 0, tehran),  // Saturday night → Sunday 9:00
		time.Date(2026, 4, 5, 12, 0, 0, 0, tehran):  time.Date(2026, 4, 5, 12, 0, 0, 0, tehran), // Sunday noon: allowed
		time.Date(2026, 4, 9, 20, 0, 0, 0, tehran):  time.Date(2026, 4, 11, 9, 0, 0, 0, tehran), // Thursday 20:00 allowed
		time.Date(2026, 4, 10, 11, 0, 0, 0, tehran): time.Date(2026, 4, 11, 9, 0, 0, 0, tehran), // Friday → Saturday 9:00
	}
	for at, want := range cases {
		got := s.allowedAt("sms", at)
		if at.Weekday() == time.Thursday {
			want = at
		}
		if !got.Equal(want) {
			t.Errorf("%s: allowed at %s, want %s", at, got.In(tehran), want)
		}
	}
	if got := s.allowedAt("email", time.Date(2026, 4, 10, 11, 0, 0, 0, tehran)); got.Weekday() != time.Friday {
		t.Error("e-mail has no quiet hours by default")
	}
}
