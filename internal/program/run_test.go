package program_test

import (
	"encoding/json"
	"mime"
	"net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func send(kind, purpose, body string) program.Step {
	a := &program.Action{Action: rules.Action{Kind: kind}, Purpose: purpose,
		Template: &program.Template{FA: &program.Text{Subject: "پیشنهاد {{brand}}", Body: body}}}
	return program.Step{Kind: program.Act, Action: a}
}

// offerProgram: two months after an order, half get an SMS and half an
// e-mail; a webhook hears of it; the goal is another order in 30 days.
func offerProgram(w *world) *program.Program {
	hook := program.Step{ID: "hook", Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.Webhook}, URL: w.hooks.srv.URL}}
	sms := send(program.SendSMS, "", "{{first_name}} عزیز، کفش‌های فصل با ۲۰٪ تخفیف 👟")
	sms.ID, sms.Next = "sms", "hook"
	email := send(program.SendEmail, "", "سلام {{first_name}}، مجموعهٔ تازه رسید.")
	email.ID, email.Next = "email", program.End
	return &program.Program{Name: "پیشنهاد دو ماه بعد", Status: program.Active,
		Trigger: program.Trigger{Kind: rules.OnEvent, Event: "Order Completed",
			Properties: []program.Property{{Name: "total", Op: rules.Gte, Value: ptr(1000000)}}},
		Steps: []program.Step{{ID: "wait", Kind: program.Wait, For: "2mo"},
			{ID: "split", Kind: program.Branch, Paths: []program.Path{{Name: "A: پیامک", Next: "sms",
				When: []rules.Condition{{Kind: program.Random, Op: rules.Lt, Value: ptr(50)}}}}, Else: "email"},
			sms, email, hook},
		Goal: &program.Goal{Event: "Order Completed", WithinDays: 90}}
}

func ptr(v float64) *float64 { return &v }

func TestOfferRunsWaitsBranchesAndSends(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.save(offerProgram(w))
		var ids []int64
		for i := 1; i <= 20; i++ {
			id := w.customer(i, map[string]any{"first_name": "سارا"})
			ids = append(ids, id)
			w.event(id, "Order Completed", map[string]any{"total": 2500000})
		}
		small := w.customer(99, nil)
		w.event(small, "Order Completed", map[string]any{"total": 100}) // under the property condition
		w.drain()
		if n := w.count(`SELECT COUNT(*) FROM program_enrollments WHERE program_id = ? AND step = 'wait'`, p.ID); n != 20 {
			t.Fatalf("%d customers wait, want 20", n)
		}
		w.after(59 * 24 * time.Hour)
		if len(w.sms.all())+len(w.mail.Messages()) != 0 {
			t.Fatal("a message went out before the two months")
		}
		w.clock.advance(3 * 24 * time.Hour) // Friday 5 June, 10:00 Tehran: e-mails go, SMS wait for quiet hours
		w.drain()
		if n := len(w.sms.all()); n != 0 {
			t.Fatalf("%d promotional SMS on a Friday", n)
		}
		w.after(23 * time.Hour) // Saturday 09:00
		texts, mails := w.sms.all(), w.mail.Messages()
		if len(texts)+len(mails) != 20 || len(texts) < 4 || len(mails) < 4 {
			t.Fatalf("%d SMS and %d e-mails; want 20 split about evenly", len(texts), len(mails))
		}
		if got := texts[0]["text"].(string); !strings.HasPrefix(got, "سارا عزیز، کفش‌های فصل") || !strings.HasSuffix(got, "\nلغو ۱۱") {
			t.Fatalf("promotional SMS: %q", got)
		}
		msg, err := mail.ReadMessage(strings.NewReader(string(mails[0])))
		must(t, err)
		subj, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
		if subj != "پیشنهاد کفش آریا" || !strings.HasPrefix(msg.Header.Get("List-Unsubscribe"), "<https://aria.example/u/") ||
			msg.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
			t.Fatalf("promotional e-mail headers: %v (subject %q)", msg.Header, subj)
		}
		if hooks := w.hooks.all(); len(hooks) != len(texts) || hooks[0]["step"] != "hook" {
			t.Fatalf("webhooks: %v", hooks)
		}
		var set program.Settings
		must(t, db.InTx(ctx, func(tx *store.Tx) (err error) { set, err = program.LoadSettings(ctx, tx, w.ws.ID); return err }))
		sig := w.hooks.sigs[0]
		ts, _ := strconv.ParseInt(strings.TrimPrefix(strings.Split(sig, ",")[0], "t="), 10, 64)
		if set.WebhookSecret == "" || sig != loop.Sign(set.WebhookSecret, time.Unix(ts, 0), w.hooks.raw[0]) {
			t.Fatalf("the webhook is not signed with the workspace's webhook secret: %q", sig)
		}
		w.event(ids[0], "Order Completed", map[string]any{"total": 10})
		if n := w.count(`SELECT COUNT(*) FROM program_enrollments WHERE customer_id = ? AND state = 'converted'`, ids[0]); n != 1 {
			t.Fatal("an order within the window must convert")
		}
		if n := w.count(`SELECT COUNT(*) FROM program_enrollments WHERE program_id = ? AND state = 'completed'`, p.ID); n != 19 {
			t.Fatalf("%d completed, want 19", n)
		}
	})
}

func TestGuardrails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		promo := w.save(&program.Program{Name: "promo", Status: program.Active, Trigger: program.Trigger{Kind: program.OnAPI},
			Reentry: program.Reentry{Policy: program.AfterExit},
			Steps:   []program.Step{send(program.SendSMS, "", "تخفیف {{brand}}")}})
		service := w.save(&program.Program{Name: "service", Status: program.Active, Trigger: program.Trigger{Kind: program.OnAPI},
			Steps: []program.Step{send(program.SendSMS, program.Service, "سفارش شما ارسال شد")}})
		sara := w.customer(1, nil)

		w.clock.ms.Store(time.Date(2026, 4, 10, 11, 0, 0, 0, tehranLoc).UnixMilli()) // a Friday
		enter(t, w, promo.ID, sara, true)
		enter(t, w, service.ID, sara, true)
		w.drain()
		if got := w.sms.all(); len(got) != 1 || got[0]["text"] != "سفارش شما ارسال شد" {
			t.Fatalf("on a Friday only the service SMS goes, without the opt-out line: %v", got)
		}
		w.clock.ms.Store(time.Date(2026, 4, 11, 9, 0, 0, 0, tehranLoc).UnixMilli()) // Saturday 09:00
		w.drain()
		if len(w.sms.all()) != 2 {
			t.Fatal("the held promotional SMS must go at 09:00 on Saturday")
		}
		w.clock.advance(time.Hour)
		enter(t, w, promo.ID, sara, true)
		w.drain()
		w.clock.advance(time.Hour)
		enter(t, w, promo.ID, sara, true)
		w.drain()
		if len(w.sms.all()) != 3 {
			t.Fatalf("%d SMS; the third promotional one in a week must be capped", len(w.sms.all()))
		}
		if n := w.count(`SELECT COUNT(*) FROM program_messages WHERE status = 'suppressed' AND detail LIKE 'frequency cap%'`); n != 1 {
			t.Fatal("the capped message must say so")
		}
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			return customer.RecordConsent(ctx, tx, w.ws.ID, sara, customer.Consent{Channel: "sms", Granted: false, Source: "reply"})
		}))
		w.clock.advance(8 * 24 * time.Hour)
		enter(t, w, promo.ID, sara, true)
		w.drain()
		if len(w.sms.all()) != 3 {
			t.Fatal("no SMS after consent was withdrawn")
		}
		if n := w.count(`SELECT COUNT(*) FROM program_log WHERE customer_id = ? AND kind = 'exited' AND detail LIKE 'consent withdrawn%'`, sara); n != 1 {
			t.Fatal("a program that writes only by SMS must let a customer who withdrew leave")
		}
	})
}

func TestUnsubscribeLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.save(&program.Program{Name: "news", Status: program.Active, Trigger: program.Trigger{Kind: program.OnAPI},
			Steps: []program.Step{send(program.SendEmail, "", "خبر تازه؛ {{unsubscribe_url}}")}})
		sara := w.customer(1, nil)
		enter(t, w, p.ID, sara, true)
		w.drain()
		msg, err := mail.ReadMessage(strings.NewReader(string(w.mail.Messages()[0])))
		must(t, err)
		link := strings.Trim(msg.Header.Get("List-Unsubscribe"), "<>")
		token := link[strings.LastIndex(link, "/")+1:]
		if _, err := program.Unsubscribe(ctx, db, token+"0"); err == nil {
			t.Fatal("a forged token must be refused")
		}
		u, err := program.Unsubscribe(ctx, db, token)
		if err != nil || u.CustomerID != sara || u.Channel != "email" {
			t.Fatalf("unsubscribe: %+v, %v", u, err)
		}
		c, err := customer.Get(ctx, db, w.ws.ID, sara)
		must(t, err)
		if len(c.Consent) != 1 || c.Consent[0].Granted || c.Consent[0].Source != "unsubscribe" {
			t.Fatalf("consent: %+v", c.Consent)
		}
	})
}

func TestWaitForEventAndTimeout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.event(0, "Review Posted", nil)
		p := w.save(&program.Program{Name: "review", Status: program.Active, Trigger: program.Trigger{Kind: rules.OnEvent, Event: "Order Completed"},
			Steps: []program.Step{
				{ID: "await", Kind: program.WaitEvent, Event: "Review Posted", Timeout: "14d", Next: "thanks", OnTimeout: "nudge"},
				{ID: "thanks", Kind: program.Act, Next: program.End, Action: &program.Action{Action: rules.Action{Kind: program.AddTag}, Tag: "reviewer"}},
				{ID: "nudge", Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.SetTrait}, Trait: "nudged", Value: json.RawMessage(`true`)}},
			}})
		a, b := w.customer(1, nil), w.customer(2, nil)
		w.event(a, "Order Completed", nil)
		w.event(b, "Order Completed", nil)
		w.drain()
		w.clock.advance(3 * 24 * time.Hour)
		w.event(a, "Review Posted", nil)
		w.drain()
		w.after(12 * 24 * time.Hour)
		ca, _ := customer.Get(ctx, db, w.ws.ID, a)
		cb, _ := customer.Get(ctx, db, w.ws.ID, b)
		if string(ca.Traits["tags"]) != `["reviewer"]` || ca.Traits["nudged"] != nil {
			t.Fatalf("a reviewed on day 3: %s", ca.Traits)
		}
		if string(cb.Traits["nudged"]) != "true" || cb.Traits["tags"] != nil {
			t.Fatalf("b never reviewed: %s", cb.Traits)
		}
		if n := w.count(`SELECT COUNT(*) FROM program_enrollments WHERE program_id = ? AND state = 'completed'`, p.ID); n != 2 {
			t.Fatalf("%d completed", n)
		}
	})
}
