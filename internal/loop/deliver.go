package loop

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// pending is an alert being delivered.
type pending struct {
	Alert
	workspaceID int64
	body        string
}

// runAlert delivers one alert. A failure is retried by the timer with
// backoff; the last failure marks the alert dead. Delivery is at least
// once: webhooks carry X-Tajrobe-Delivery so a receiver can drop repeats.
func (s *Service) runAlert(ctx context.Context, j timer.Job) error {
	var p struct {
		AlertID int64 `json:"alert_id"`
	}
	if err := parseJob(j, &p); err != nil {
		return err
	}
	a, err := s.loadAlert(ctx, p.AlertID)
	if err != nil || a.State != "queued" {
		return err // sent already, or dead: nothing to do
	}
	sendErr := s.send(ctx, a)
	last := j.Attempts >= j.MaxAttempts || timer.IsPermanent(sendErr)
	if err := s.recordAttempt(ctx, a, j.Attempts, sendErr, last); err != nil {
		return err
	}
	switch {
	case errors.Is(sendErr, errNoMail):
		// A workspace without a mail server is a setting, not a failure:
		// the alert waits on the dead-letter list with the reason, and the
		// log is not filled with one warning per case.
		return nil
	case sendErr != nil && last:
		return timer.Permanent(sendErr)
	}
	return sendErr
}

func (s *Service) loadAlert(ctx context.Context, id int64) (*pending, error) {
	a := &pending{}
	err := s.DB.QueryRow(ctx, `SELECT id, workspace_id, case_id, channel, target, subject, body, state FROM case_alerts WHERE id = ?`, id).
		Scan(&a.ID, &a.workspaceID, &a.CaseID, &a.Channel, &a.Target, &a.Subject, &a.body, &a.State)
	if err != nil {
		return nil, timer.Permanent(fmt.Errorf("alert %d: %w", id, err))
	}
	return a, nil
}

func (s *Service) send(ctx context.Context, a *pending) error {
	if a.Channel == "email" {
		m, err := s.mailer(ctx, a.workspaceID)
		if err != nil {
			return err
		}
		return m.Send(ctx, notify.Mail{To: a.Target, Subject: a.Subject, Text: a.body})
	}
	secret, err := s.webhookSecret(ctx, a.workspaceID)
	if err != nil {
		return err
	}
	return postWebhook(ctx, s.Client, a.Target, secret, a.ID, []byte(a.body), s.DB.Now())
}

func (s *Service) webhookSecret(ctx context.Context, wsID int64) (string, error) {
	var set Settings
	err := s.DB.InTx(ctx, func(tx *store.Tx) error {
		ws, err := workspaceIn(ctx, tx, wsID)
		if err == nil {
			set, err = EnsureSettings(ctx, tx, ws)
		}
		return err
	})
	return set.WebhookSecret, err
}

func (s *Service) recordAttempt(ctx context.Context, a *pending, attempt int, sendErr error, last bool) error {
	now := store.Millis(s.DB.Now())
	var err error
	switch {
	case sendErr == nil:
		_, err = s.DB.Exec(ctx, `UPDATE case_alerts SET state = 'sent', attempts = ?, sent_at = ?, last_error = '' WHERE id = ?`, attempt, now, a.ID)
	case last:
		_, err = s.DB.Exec(ctx, `UPDATE case_alerts SET state = 'dead', attempts = ?, last_error = ? WHERE id = ?`, attempt, clip(sendErr.Error()), a.ID)
	default:
		_, err = s.DB.Exec(ctx, `UPDATE case_alerts SET attempts = ?, last_error = ? WHERE id = ?`, attempt, clip(sendErr.Error()), a.ID)
	}
	return errs.Wrap("loop.recordAttempt", err)
}

// Sign returns the X-Tajrobe-Signature of a webhook body sent at t:
// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under secret>".
// Receivers recompute it and refuse old timestamps, so a captured request
// cannot be replayed later.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac.Sum(nil))
}

func postWebhook(ctx context.Context, client *http.Client, url, secret string, id int64, body []byte, now time.Time) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return timer.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Tajrobe-Webhook/1")
	req.Header.Set("X-Tajrobe-Delivery", itoa(id))
	req.Header.Set("X-Tajrobe-Signature", Sign(secret, now, body))
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("webhook %s answered %s", url, res.Status)
	}
	return nil
}

func clip(s string) string {
	if len(s) > 500 {
		return s[:500]
	}
	return s
}
