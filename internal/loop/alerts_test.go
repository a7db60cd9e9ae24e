package loop_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// TestAlertsByEmailAndSignedWebhook delivers a new case's alerts over real
// SMTP and HTTP: the webhook fails twice and is retried with backoff, its
// signature checks out, and an address the mail server refuses ends on the
// dead-letter list after its last try.
func TestAlertsByEmailAndSignedWebhook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		mail := startSMTP(t)
		var calls atomic.Int32
		var secret string
		hook := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			body, _ := io.ReadAll(r.Body)
			sig := r.Header.Get("X-Tajrobe-Signature")
			if calls.Add(1) <= 2 {
				rw.WriteHeader(http.StatusBadGateway)
				return
			}
			if !validSignature(secret, sig, body) || r.Header.Get("X-Tajrobe-Delivery") == "" {
				t.Errorf("bad signature %q for %s", sig, body)
			}
			rw.WriteHeader(http.StatusNoContent)
		}))
		t.Cleanup(hook.Close)
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			set, err := loop.EnsureSettings(ctx, tx, w.ws)
			if err != nil {
				return err
			}
			set.WebhookURL, secret = hook.URL, set.WebhookSecret
			return loop.SaveSettings(ctx, tx, w.ws.ID, "test", &set)
		}))
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE users SET email = 'ag1@refuse.example' WHERE id = ?`, w.ag1)
			return err
		}))
		w.detractorRule()
		w.answer(w.customer(1, nil), 0, "web", "") // owner ag1: refused address
		w.answer(w.customer(2, nil), 5, "sms", "") // owner ag2
		r := &timer.Runner{DB: db, Node: "n", Log: slog.New(slog.DiscardHandler)}
		smtp := &notify.SMTP{Addr: mail.addr, From: "tajrobe@aria.example"}
		(&loop.Service{DB: db, Mail: func(context.Context, int64) (loop.Mailer, error) { return smtp, nil }}).Register(r)
		for range 14 { // 3.5 hours: every retry's backoff, before the first deadline passes
			_, err := r.RunDue(ctx)
			must(t, err)
			w.clock.advance(15 * time.Minute)
		}
		got := mail.messages()
		if len(got) != 1 || got[0].to != "ag2@aria.example" || !strings.HasPrefix(got[0].subject, "پرونده‌ی تازه") ||
			!strings.Contains(got[0].body, "علت: detractor") {
			t.Fatalf("mail received: %+v", got)
		}
		if calls.Load() != 4 { // two cases: 2 failures, then 2 deliveries
			t.Fatalf("webhook called %d times, want 4", calls.Load())
		}
		dead, err := loop.Alerts(ctx, db, w.ws.ID, "dead", 10)
		must(t, err)
		if len(dead) != 1 || dead[0].Target != "ag1@refuse.example" || dead[0].Attempts != timer.DefaultMaxAttempts ||
			!strings.Contains(dead[0].LastError, "550") {
			t.Fatalf("dead letters: %+v", dead)
		}
		if n := w.count(`SELECT COUNT(*) FROM case_alerts WHERE state = 'sent'`); n != 3 {
			t.Fatalf("%d alerts sent, want 3", n)
		}
	})
}

// validSignature recomputes the signature as a receiver would.
func validSignature(secret, header string, body []byte) bool {
	v, _, _ := strings.Cut(strings.TrimPrefix(header, "t="), ",")
	ts, err := strconv.ParseInt(v, 10, 64)
	return err == nil && secret != "" && header == loop.Sign(secret, time.Unix(ts, 0), body)
}
