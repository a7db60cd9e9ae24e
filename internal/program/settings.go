package program

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Settings are a workspace's guardrails for promotional messages. Service
// messages bypass caps and quiet hours (never consent).
type Settings struct {
	Caps  []Cap   `json:"caps"`
	Quiet []Quiet `json:"quiet_hours"`
	// WebhookSecret signs program webhooks (X-Tajrobe-Signature, as the
	// loop's); it is shown, never set.
	WebhookSecret string `json:"webhook_secret,omitempty"`
}

// Cap allows at most Max promotional messages on Channel per customer in
// any Days days.
type Cap struct {
	Channel string `json:"channel"`
	Max     int    `json:"max"`
	Days    int    `json:"days"`
}

// Quiet holds promotional messages on Channel from hour From to hour To
// (across midnight when From > To) and all day on Weekdays, in Timezone.
type Quiet struct {
	Channel  string         `json:"channel"`
	From     int            `json:"from"`
	To       int            `json:"to"`
	Weekdays []time.Weekday `json:"weekdays"`
	Timezone string         `json:"timezone"`
}

// DefaultSettings: at most two promotional SMS a week and three e-mails,
// no promotional SMS 21:00–09:00 or on Fridays, Tehran time.
func DefaultSettings() Settings {
	return Settings{
		Caps:  []Cap{{Channel: "sms", Max: 2, Days: 7}, {Channel: "email", Max: 3, Days: 7}},
		Quiet: []Quiet{{Channel: "sms", From: 21, To: 9, Weekdays: []time.Weekday{time.Friday}, Timezone: "Asia/Tehran"}},
	}
}

// Validate checks the guardrails.
func (s *Settings) Validate() error {
	const op = "program.Settings"
	for i, c := range s.Caps {
		if !slices.Contains([]string{"email", "sms", "webhook"}, c.Channel) || c.Max < 0 || c.Days < 1 || c.Days > 365 {
			return errs.Field(op, "caps", "cap %d: channel email, sms or webhook, max 0 or more, days 1 to 365", i+1)
		}
	}
	for i, q := range s.Quiet {
		if q.From < 0 || q.From > 23 || q.To < 0 || q.To > 23 {
			return errs.Field(op, "quiet_hours", "quiet hours %d: from and to are hours 0 to 23", i+1)
		}
		if _, err := time.LoadLocation(q.Timezone); err != nil || q.Timezone == "" {
			return errs.Field(op, "quiet_hours", "quiet hours %d: unknown time zone %q", i+1, q.Timezone)
		}
	}
	return nil
}

// stored is the settings row: the guardrails and the secret that signs
// unsubscribe links.
type stored struct {
	Settings
	Secret string `json:"secret"`
}

// LoadSettings returns the workspace's guardrails, creating the defaults
// on first use.
func LoadSettings(ctx context.Context, tx *store.Tx, wsID int64) (Settings, error) {
	s, err := loadStored(ctx, tx, wsID)
	s.WebhookSecret = s.webhookSecret()
	return s.Settings, err
}

// webhookSecret is derived from the workspace's secret, so the one that
// signs unsubscribe links is never shown.
func (s *stored) webhookSecret() string {
	mac := hmac.New(sha256.New, []byte(s.Secret))
	mac.Write([]byte("program webhooks"))
	return hex.EncodeToString(mac.Sum(nil))[:40]
}

func loadStored(ctx context.Context, tx *store.Tx, wsID int64) (stored, error) {
	var raw []byte
	err := tx.QueryRow(ctx, `SELECT body FROM program_settings WHERE workspace_id = ?`, wsID).Scan(&raw)
	if err != nil {
		b := make([]byte, 24)
		rand.Read(b)
		s := stored{Settings: DefaultSettings(), Secret: hex.EncodeToString(b)}
		body, _ := json.Marshal(s)
		if _, err := tx.Exec(ctx, `INSERT INTO program_settings (workspace_id, body, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (workspace_id) DO NOTHING`, wsID, string(body), store.Millis(tx.Now)); err != nil {
			return stored{}, errs.Wrap("program.LoadSettings", err)
		}
		if err := tx.QueryRow(ctx, `SELECT body FROM program_settings WHERE workspace_id = ?`, wsID).Scan(&raw); err != nil {
			return stored{}, errs.Wrap("program.LoadSettings", err)
		}
	}
	var s stored
	return s, errs.Wrap("program.LoadSettings", json.Unmarshal(raw, &s))
}

// SaveSettings replaces the workspace's guardrails, keeping its secret.
func SaveSettings(ctx context.Context, tx *store.Tx, wsID int64, s *Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	old, err := loadStored(ctx, tx, wsID)
	if err != nil {
		return err
	}
	old.Settings = *s
	old.WebhookSecret = ""
	body, _ := json.Marshal(old)
	s.WebhookSecret = old.webhookSecret()
	_, err = tx.Exec(ctx, `UPDATE program_settings SET body = ?, updated_at = ? WHERE workspace_id = ?`, string(body), store.Millis(tx.Now), wsID)
	return errs.Wrap("program.SaveSettings", err)
}

// cap returns the channel's cap, if any.
func (s *Settings) cap(channel string) (Cap, bool) {
	for _, c := range s.Caps {
		if c.Channel == channel {
			return c, true
		}
	}
	return Cap{}, false
}

// allowedAt is the first time at or after t outside the channel's quiet
// hours.
func (s *Settings) allowedAt(channel string, t time.Time) time.Time {
	for _, q := range s.Quiet {
		if q.Channel == channel {
			t = q.next(t)
		}
	}
	return t
}

func (q Quiet) next(t time.Time) time.Time {
	loc, err := time.LoadLocation(q.Timezone)
	if err != nil {
		loc = time.UTC
	}
	for i := 0; i < 24*8 && q.quiet(t.In(loc)); i++ {
		l := t.In(loc)
		t = time.Date(l.Year(), l.Month(), l.Day(), l.Hour()+1, 0, 0, 0, loc)
	}
	return t
}

func (q Quiet) quiet(l time.Time) bool {
	if slices.Contains(q.Weekdays, l.Weekday()) {
		return true
	}
	h := l.Hour()
	if q.From > q.To {
		return h >= q.From || h < q.To
	}
	return h >= q.From && h < q.To
}
