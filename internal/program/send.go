package program

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
)

type sendJob struct {
	M int64 `json:"m"`
}

// queued is a message waiting to be sent, with what the guardrails need.
type queued struct {
	ID, WorkspaceID, EnrollmentID, CustomerID int64
	Step                                      string
	m                                         message
	secret                                    string // signs webhooks
}

func (r *Runner) runSend(ctx context.Context, j timer.Job) error {
	var p sendJob
	if err := parseJob(j, &p); err != nil {
		return err
	}
	var q queued
	var verdict string
	err := r.DB.InTx(ctx, func(tx *store.Tx) error {
		var err error
		q, verdict, err = r.check(ctx, tx, p.M)
		return err
	})
	if err != nil || verdict != "" {
		return err
	}
	err = r.deliver(ctx, &q)
	var rej *notify.Rejected
	if errors.As(err, &rej) || errs.Is(err, errs.Invalid) || errs.Is(err, errs.Unavailable) {
		return errors.Join(r.mark(ctx, &q, "failed", err.Error()), timer.Permanent(err))
	}
	if err != nil {
		return err
	}
	return r.mark(ctx, &q, "sent", describe(&q.m, r.DB.Now(), r.DB.Now()))
}

// check applies the guardrails at send time: consent, quiet hours (a
// later job) and the frequency cap. A verdict means nothing is sent now.
func (r *Runner) check(ctx context.Context, tx *store.Tx, id int64) (queued, string, error) {
	q := queued{ID: id}
	var status string
	var raw []byte
	err := tx.QueryRow(ctx, `SELECT workspace_id, enrollment_id, customer_id, step, status, body FROM program_messages WHERE id = ?`, id).
		Scan(&q.WorkspaceID, &q.EnrollmentID, &q.CustomerID, &q.Step, &status, &raw)
	if err != nil || status != "queued" {
		return q, "done", nil // gone, or sent by a run whose outcome was lost
	}
	if err := json.Unmarshal(raw, &q.m); err != nil {
		return q, "", timer.Permanent(err)
	}
	st, err := loadStored(ctx, tx, q.WorkspaceID)
	if err != nil {
		return q, "", err
	}
	q.secret = st.webhookSecret()
	ws, err := workspaceIn(ctx, tx, q.WorkspaceID)
	if err != nil {
		return q, "", err
	}
	p, err := loadPerson(ctx, tx, ws, q.CustomerID)
	if err == nil {
		err = p.reach()
	}
	if err != nil {
		return q, "", err
	}
	verdict, err := guard(ctx, tx, &st.Settings, p, &q)
	if err != nil || verdict == "" || verdict == "held" {
		return q, verdict, err
	}
	return q, verdict, suppress(ctx, tx, &q, verdict)
}

// guard says why a message may not go now: "" when it may.
func guard(ctx context.Context, tx *store.Tx, s *Settings, p *person, q *queued) (string, error) {
	ch := q.m.Channel
	if ch != "webhook" && p.Withdrawn[ch] {
		return "consent to " + ch + " withdrawn", nil
	}
	if q.m.Purpose != Promotional {
		return "", nil // service: no caps, no quiet hours
	}
	if at := s.allowedAt(ch, tx.Now); at.After(tx.Now) {
		_, err := timer.Enqueue(ctx, tx, JobSend, fmt.Sprint(JobSend, ":", q.ID, ":", store.Millis(at)), sendJob{M: q.ID}, at, 6)
		return "held", err
	}
	c, ok := s.cap(ch)
	if !ok {
		return "", nil
	}
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM program_messages WHERE customer_id = ? AND channel = ? AND status = 'sent'
		AND purpose = 'promotional' AND sent_at >= ?`, q.CustomerID, ch, store.Millis(tx.Now.AddDate(0, 0, -c.Days))).Scan(&n)
	if err != nil {
		return "", errs.Wrap("program.guard", err)
	}
	if n >= c.Max {
		return fmt.Sprintf("frequency cap: %d promotional %s in %d days already", n, ch, c.Days), nil
	}
	return "", nil
}

func suppress(ctx context.Context, tx *store.Tx, q *queued, why string) error {
	if _, err := tx.Exec(ctx, `UPDATE program_messages SET status = 'suppressed', detail = ? WHERE id = ?`, why, q.ID); err != nil {
		return errs.Wrap("program.suppress", err)
	}
	return logMessage(ctx, tx, q, "suppressed", why)
}

func (r *Runner) mark(ctx context.Context, q *queued, status, detail string) error {
	return r.DB.InTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE program_messages SET status = ?, detail = ?, sent_at = ? WHERE id = ?`,
			status, detail, store.Millis(tx.Now), q.ID); err != nil {
			return errs.Wrap("program.mark", err)
		}
		return logMessage(ctx, tx, q, status, detail)
	})
}

func logMessage(ctx context.Context, tx *store.Tx, q *queued, kind, detail string) error {
	e := &enrollment{ID: q.EnrollmentID, WorkspaceID: q.WorkspaceID, CustomerID: q.CustomerID}
	if err := tx.QueryRow(ctx, `SELECT program_id, version FROM program_enrollments WHERE id = ?`, q.EnrollmentID).Scan(&e.ProgramID, &e.Version); err != nil {
		return errs.Wrap("program.log", err)
	}
	return writeLog(ctx, tx, e, q.Step, kind, detail)
}

// deliver sends on the message's channel.
func (r *Runner) deliver(ctx context.Context, q *queued) error {
	m := &q.m
	switch {
	case m.Channel == "webhook":
		return r.post(ctx, m, q.secret)
	case m.SurveyID != 0:
		return r.invite(ctx, q)
	case r.Senders == nil:
		return errs.E("program.send", errs.Unavailable, "this server sends no e-mail or SMS")
	}
	mailer, texter, err := r.Senders(ctx, q.WorkspaceID)
	if err != nil {
		return err
	}
	if m.Channel == "sms" {
		if texter == nil {
			return errs.E("program.send", errs.Unavailable, "this workspace has no SMS provider set (survey settings)")
		}
		_, err := texter.Send(ctx, m.To, m.Text)
		return err
	}
	if mailer == nil {
		return errs.E("program.send", errs.Unavailable, "this workspace has no mail server set (survey settings)")
	}
	mail := notify.Mail{To: m.To, Subject: m.Subject, Text: m.Text}
	if m.Unsub != "" {
		mail.Headers = map[string]string{"List-Unsubscribe": "<" + m.Unsub + ">", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
		mail.Text += "\n\n" + unsubscribeLine(m.Lang) + " " + m.Unsub
	}
	return mailer.Send(ctx, mail)
}

func unsubscribeLine(lang string) string {
	if lang == "en" {
		return "Unsubscribe:"
	}
	return "لغو اشتراک:"
}

// post calls a webhook, signed as the loop's are: X-Tajrobe-Signature
// "t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<body>">".
func (r *Runner) post(ctx context.Context, m *message, secret string) error {
	req, err := http.NewRequestWithContext(ctx, "POST", m.To, bytes.NewReader(m.Payload))
	if err != nil {
		return errs.E("program.webhook", errs.Invalid, "%v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Tajrobe-Signature", loop.Sign(secret, r.DB.Now(), m.Payload))
	res, err := r.Client.Do(req)
	if err != nil {
		return fmt.Errorf("reach the webhook: %w", err)
	}
	res.Body.Close()
	switch {
	case res.StatusCode >= 400 && res.StatusCode < 500 && res.StatusCode != 429:
		return &notify.Rejected{Status: res.StatusCode, Msg: "the webhook refused the call"}
	case res.StatusCode >= 300:
		return fmt.Errorf("the webhook answered %d", res.StatusCode)
	}
	return nil
}

func (r *Runner) invite(ctx context.Context, q *queued) error {
	if r.Invite == nil {
		return errs.E("program.invite", errs.Unavailable, "this server sends no surveys")
	}
	skipped, err := r.Invite(ctx, q.WorkspaceID, q.m.SurveyID, q.CustomerID, q.m.Channel, fmt.Sprint("program:", q.ID))
	if err == nil && skipped != "" {
		q.m.Text = "not invited: " + skipped
	}
	return err
}
