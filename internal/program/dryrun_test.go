package program_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// winback: after 90 days of silence a VIP gets an SMS and others an
// e-mail; then they have 14 days to order again.
func winback() *program.Program {
	sms := send(program.SendSMS, "", "{{first_name}} جان، دلمان برایتان تنگ شده؛ تا {{today}} ۲۰٪ تخفیف")
	sms.ID, sms.Next = "sms", "await"
	mail := send(program.SendEmail, "", "سلام {{first_name|دوست عزیز}}")
	mail.ID = "mail"
	return &program.Program{Name: "win-back", Status: program.Active, Trigger: program.Trigger{Kind: program.OnAPI},
		Steps: []program.Step{
			{ID: "silence", Kind: program.Wait, For: "90d"},
			{ID: "vip", Kind: program.Branch, Paths: []program.Path{{Name: "VIP", Next: "sms",
				When: []rules.Condition{{Kind: rules.Trait, Trait: "vip", Op: rules.Eq, Values: []string{"true"}}}}}, Else: "mail"},
			sms, mail,
			{ID: "await", Kind: program.WaitEvent, Event: "Order Completed", Timeout: "14d", OnTimeout: "case", Next: program.End},
			{ID: "case", Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: rules.OpenCase, Reason: "churned"}}},
		},
		Goal: &program.Goal{Event: "Order Completed", WithinDays: 120}}
}

func TestDryRunWalksWithDatesAndSendsNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.save(winback())
		start := time.Date(2026, 4, 4, 10, 0, 0, 0, tehranLoc)
		vip := &program.MadeUp{Traits: map[string]json.RawMessage{"first_name": json.RawMessage(`"مریم"`), "vip": json.RawMessage(`true`)},
			Phone: "+989121234567"}
		tr, err := program.Walk(ctx, db, w.ws, p.ID, program.DryRun{Customer: vip, Start: &start})
		must(t, err)
		var sent *program.TraceLine
		for i := range tr.Lines {
			if tr.Lines[i].Kind == "would send" {
				sent = &tr.Lines[i]
			}
		}
		friday := start.AddDate(0, 0, 90) // day 90 is a Friday: the promotional SMS waits for Saturday 09:00
		if sent == nil || sent.Channel != "sms" || !sent.At.Equal(friday.Add(23*time.Hour)) || !strings.Contains(sent.Detail, "held for quiet hours") ||
			!strings.HasPrefix(sent.Text, "مریم جان، دلمان برایتان تنگ شده؛ تا ۱۲ تیر ۱۴۰۵") || !strings.HasSuffix(sent.Text, "لغو ۱۱") {
			t.Fatalf("the SMS line: %+v\n%+v", sent, tr.Lines)
		}
		last := tr.Lines[len(tr.Lines)-1]
		if tr.Outcome != program.Completed || last.Kind != "would open_case" || !last.At.Equal(start.AddDate(0, 0, 104)) {
			t.Fatalf("no order in 14 days: a case on day 104; got %s, %+v", tr.Outcome, last)
		}

		tr, err = program.Walk(ctx, db, w.ws, p.ID, program.DryRun{Customer: vip, Start: &start,
			Events: []program.Simulated{{Name: "Order Completed", After: "95d"}}})
		must(t, err)
		if tr.Outcome != program.Converted {
			t.Fatalf("an order on day 95 converts: %+v", tr)
		}
		plain := &program.MadeUp{Email: "x@mail.example", Withdrawn: []string{"email", "sms"}}
		tr, err = program.Walk(ctx, db, w.ws, p.ID, program.DryRun{Customer: plain, Start: &start})
		must(t, err)
		if tr.Outcome != program.Exited || tr.Reason != "consent withdrawn" {
			t.Fatalf("a customer who withdrew from every channel leaves at once: %+v", tr)
		}
		real := w.customer(1, map[string]any{"first_name": "سارا"})
		tr, err = program.Walk(ctx, db, w.ws, p.ID, program.DryRun{CustomerID: real, Start: &start})
		must(t, err)
		if !strings.Contains(tr.Lines[3].Detail, "promotional email to c1@mail.example") {
			t.Fatalf("a real customer without vip gets the e-mail: %+v", tr.Lines)
		}
		for _, table := range []string{"program_enrollments", "program_log", "program_messages", "cases"} {
			if n := w.count(`SELECT COUNT(*) FROM ` + table); n != 0 {
				t.Fatalf("a dry run left %d rows in %s", n, table)
			}
		}
		if len(w.sms.all())+len(w.mail.Messages()) != 0 {
			t.Fatal("a dry run sent a message")
		}
		pv, err := program.PreviewStep(ctx, db, w.ws, p.ID, "mail", program.DryRun{CustomerID: real})
		if err != nil || pv.Text != "سلام سارا" || pv.Subject != "پیشنهاد کفش آریا" || pv.To != "c1@mail.example" {
			t.Fatalf("preview: %+v, %v", pv, err)
		}
		if _, err := program.PreviewStep(ctx, db, w.ws, p.ID, "vip", program.DryRun{CustomerID: real}); err == nil {
			t.Fatal("a branch has nothing to preview")
		}
	})
}

func TestCountsAndHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.save(winback())
		vip := w.customer(1, map[string]any{"first_name": "مریم", "vip": true})
		other := w.customer(2, nil)
		enter(t, w, p.ID, vip, true)
		enter(t, w, p.ID, other, true)
		w.drain()
		w.clock.ms.Store(time.Date(2026, 7, 4, 10, 0, 0, 0, tehranLoc).UnixMilli()) // a Saturday, 91 days on
		w.drain()
		w.event(vip, "Order Completed", nil)
		c, err := program.CountsOf(ctx, db, w.ws.ID, p.ID)
		must(t, err)
		if c.Entered != 2 || c.Converted != 1 || c.Active != 1 {
			t.Fatalf("counts: %+v", c)
		}
		by := map[string]program.StepCount{}
		for _, s := range c.Steps {
			by[s.Step] = s
		}
		if by["silence"].Reached != 2 || by["sms"].Sent != 1 || by["mail"].Sent != 1 || by["await"].Waiting != 1 || by["await"].Converted != 1 {
			t.Fatalf("step counts: %+v", c.Steps)
		}
		stays, err := program.History(ctx, db, w.ws.ID, p.ID, vip)
		must(t, err)
		var kinds []string
		for _, l := range stays[0].Log {
			kinds = append(kinds, l.Step+":"+l.Kind)
		}
		want := ":entered silence:waiting vip:branched sms:queued await:waiting sms:sent await:converted"
		if strings.Join(kinds, " ") != want || !strings.Contains(stays[0].Log[2].Detail, `path "VIP"`) {
			t.Fatalf("history:\n%s\nwant\n%s", strings.Join(kinds, " "), want)
		}
	})
}
