package program

import (
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// JobSend is the timer job that sends one program message.
const JobSend = "program.send"

// message is one message a step wrote, filled for its customer.
type message struct {
	Channel  string          `json:"channel"` // email, sms, webhook, survey
	Purpose  string          `json:"purpose"`
	To       string          `json:"to,omitempty"`
	Lang     string          `json:"lang,omitempty"`
	Subject  string          `json:"subject,omitempty"`
	Text     string          `json:"text,omitempty"`
	Payload  json.RawMessage `json:"payload,omitempty"` // webhook
	SurveyID int64           `json:"survey_id,omitempty"`
	Unsub    string          `json:"unsubscribe,omitempty"`
}

var channelOf = map[string]string{SendEmail: "email", SendSMS: "sms", Webhook: "webhook", SendSurvey: "survey"}

// compose fills a message action for the customer; it reports "" and a
// reason when the customer cannot be reached on the channel.
func compose(w *walker, s *Step, secret, baseURL string) (*message, string, error) {
	a := s.Action
	p, err := w.person()
	if err == nil {
		err = p.reach()
	}
	if err != nil {
		return nil, "", err
	}
	m := &message{Channel: channelOf[a.Kind], Purpose: a.Purpose, Lang: p.Lang}
	switch a.Kind {
	case SendSurvey:
		m.Channel, m.SurveyID, m.To = a.Channel, a.SurveyID, p.address(a.Channel)
		m.Purpose = Service // the survey's own contact rule applies
	case Webhook:
		m.To = a.URL
	default:
		m.To = p.address(m.Channel)
	}
	if m.To == "" {
		return nil, fmt.Sprintf("no %s address", m.Channel), nil
	}
	if m.Channel == "email" && m.Purpose == Promotional {
		m.Unsub = baseURL + "/u/" + unsubscribeToken(secret, w.ws.ID, p.ID, "email")
	}
	if a.Template != nil {
		t, lang := a.Template.pick(p.Lang)
		d := &data{lang: lang, loc: p.Loc, now: w.now, brand: w.ws.Name, traits: p.Traits, props: w.e.Entry.Properties, unsubscribe: m.Unsub}
		if w.e.Entry.Date != nil {
			d.date = *w.e.Entry.Date
		}
		m.Lang, m.Subject, m.Text = lang, fill(t.Subject, d), fill(t.Body, d)
	}
	if m.Channel == "sms" && m.Purpose == Promotional {
		m.Text = notify.WithOptOut(m.Text)
	}
	if a.Kind == Webhook {
		m.Payload, _ = json.Marshal(map[string]any{"program_id": w.p.ID, "version": w.p.Version, "step": s.ID,
			"customer_id": p.ID, "entry": w.e.Entry, "text": m.Text, "at": w.now.UTC()})
	}
	return m, "", nil
}

// queue stores a step's message and its send job, due outside the quiet
// hours for a promotional message. Consent and caps are checked when it
// is sent.
func (l *live) queue(w *walker, s *Step) (string, string, error) {
	st, err := loadStored(w.ctx, l.tx, w.ws.ID)
	if err != nil {
		return "", "", err
	}
	m, skip, err := compose(w, s, st.Secret, l.r.BaseURL)
	if err != nil || m == nil {
		return "skipped", skip, err
	}
	due := w.now
	if m.Purpose == Promotional {
		due = st.allowedAt(m.Channel, due)
	}
	body, _ := json.Marshal(m)
	var id int64
	err = l.tx.QueryRow(w.ctx, `INSERT INTO program_messages (workspace_id, enrollment_id, customer_id, step, channel, purpose, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (enrollment_id, step) DO NOTHING RETURNING id`,
		w.ws.ID, w.e.ID, w.e.CustomerID, s.ID, m.Channel, m.Purpose, string(body), store.Millis(w.now)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "skipped", "queued before", nil
	}
	if err != nil {
		return "", "", errs.Wrap("program.queue", err)
	}
	if _, err := timer.Enqueue(w.ctx, l.tx, JobSend, fmt.Sprint(JobSend, ":", id), sendJob{M: id}, due, 6); err != nil {
		return "", "", err
	}
	return "queued", describe(m, due, w.now), nil
}

// describe is a message in one line for history.
func describe(m *message, due, now time.Time) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s to %s", m.Purpose, m.Channel, m.To)
	if due.After(now) {
		fmt.Fprintf(&b, ", held for quiet hours until %s", due.UTC().Format(time.RFC3339))
	}
	if m.SurveyID != 0 {
		fmt.Fprintf(&b, ": survey %d", m.SurveyID)
	}
	if m.Text != "" {
		t := m.Text
		if utf8.RuneCountInString(t) > 120 {
			t = string([]rune(t)[:120]) + "…"
		}
		fmt.Fprintf(&b, ": %s", t)
	}
	return b.String()
}

// unsubscribeToken signs one customer's unsubscribe from a channel.
func unsubscribeToken(secret string, wsID, customerID int64, channel string) string {
	payload := fmt.Sprintf("%d.%d.%s", wsID, customerID, channel)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(payload))
	return payload + "." + hex.EncodeToString(mac.Sum(nil))[:32]
}

// parseUnsubscribe reads a token without checking it.
func parseUnsubscribe(tok string) (wsID, customerID int64, channel string, ok bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 4 {
		return 0, 0, "", false
	}
	ws, err1 := strconv.ParseInt(parts[0], 10, 64)
	c, err2 := strconv.ParseInt(parts[1], 10, 64)
	return ws, c, parts[2], err1 == nil && err2 == nil && (parts[2] == "email" || parts[2] == "sms")
}
