package survey_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timer"
)

func TestDeliveryTriggersCSATTwoHoursLater(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Now().UTC().Truncate(time.Second)
		db.SetClock(func() time.Time { return now })
		ws := newWorkspace(t, db)
		s := published(t, db, ws.ID, "delivery_csat") // trigger: touchpoint delivery, 120 minutes
		cust := newCustomer(t, db, ws.ID, "09127770000")
		db.InTx(ctx, func(tx *store.Tx) error {
			for i, tp := range []string{"delivery", "checkout", "delivery"} {
				at := now.Add(-time.Minute)
				if i == 2 {
					at = now.AddDate(0, 0, -30) // an old import: too late to ask
				}
				journey.InsertEvent(ctx, tx, &journey.Event{WorkspaceID: ws.ID, CustomerID: cust, MessageID: "m" + tp + string(rune('0'+i)),
					Type: "track", Name: "Order Delivered", Touchpoint: tp, OccurredAt: at, ReceivedAt: now})
			}
			return nil
		})
		if n, err := survey.ScanEvents(ctx, db); err != nil || n != 0 {
			t.Fatalf("events younger than the settle time must wait: %d, %v", n, err)
		}
		now = now.Add(time.Minute)
		if n, err := survey.ScanEvents(ctx, db); err != nil || n != 3 {
			t.Fatalf("scan = %d, %v", n, err)
		}
		if n, _ := survey.ScanEvents(ctx, db); n != 0 {
			t.Fatal("a second scan must read nothing new")
		}
		sms := &smsBox{}
		r := &timer.Runner{DB: db}
		r.Handle(survey.JobTrigger, survey.RunTrigger(db, "https://x"))
		r.Handle(survey.JobSend, (&survey.Sender{DB: db, BaseURL: "https://x", SMS: func(survey.SMS) notify.SMSProvider { return sms }}).Run)
		if n, _ := r.RunDue(ctx); n != 0 {
			t.Fatal("the survey waits two hours after the delivery")
		}
		now = now.Add(2 * time.Hour)
		r.RunDue(ctx) // the trigger invites and queues the send
		r.RunDue(ctx) // the send
		list, _ := survey.ListInvitations(ctx, db, ws.ID, s.ID, 10)
		if len(list) != 1 || list[0].Status != survey.InvSent || list[0].Touchpoint != "delivery" || len(sms.to) != 1 {
			t.Fatalf("invitations = %+v, texts to %v", list, sms.to)
		}
	})
}

type smsBox struct{ to []string }

func (b *smsBox) Send(_ context.Context, to, _ string) (string, error) {
	b.to = append(b.to, to)
	return "1", nil
}

func TestWebhooksAreSignedAndRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Now()
		db.SetClock(func() time.Time { return now })
		ws := newWorkspace(t, db)
		calls := 0
		var got survey.Event
		var sig string
		var body []byte
		hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls++
			if calls == 1 {
				w.WriteHeader(503)
				return
			}
			body, _ = io.ReadAll(r.Body)
			sig = r.Header.Get("Tajrobe-Signature")
			json.Unmarshal(body, &got)
		}))
		defer hook.Close()
		s, _ := survey.Template("post_purchase_nps")
		s.WebhookURL = hook.URL
		survey.Create(ctx, db, ws.ID, "t", &s)
		p, _ := survey.Publish(ctx, db, ws.ID, "t", s.ID)
		sub := &survey.Submission{Survey: p, SourceKey: "anon:w", Channel: "web", Language: "fa", Complete: true,
			Answers: []*survey.Answer{answer(t, p, "nps", "10")}, EditFor: time.Hour}
		submit(db, sub)
		submit(db, sub) // an edit: no second delivery
		r := &timer.Runner{DB: db, Backoff: func(int) time.Duration { return time.Second }}
		r.Handle(survey.JobWebhook, (&survey.Webhooks{DB: db}).Run)
		r.RunDue(ctx)
		now = now.Add(2 * time.Second)
		r.RunDue(ctx)
		if calls != 2 || got.Response == nil || *got.Response.Score != 10 {
			t.Fatalf("calls = %d, event = %+v", calls, got)
		}
		ts := strings.TrimPrefix(strings.Split(sig, ",")[0], "t=")
		if sig != "t="+ts+",v1="+survey.SignWebhook(p.WebhookSecret, ts, body) {
			t.Fatalf("signature %q does not verify", sig)
		}
		if st, _ := timer.Stats(ctx, db, survey.JobWebhook); st["done"] != 1 || len(st) != 1 {
			t.Fatalf("webhook jobs = %v", st)
		}
	})
}
