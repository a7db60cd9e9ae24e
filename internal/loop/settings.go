package loop

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Settings are a workspace's loop settings.
type Settings struct {
	Calendar           Calendar    `json:"calendar"`
	RootCauses         []RootCause `json:"root_causes"`
	FirstResponseHours float64     `json:"first_response_hours"` // working hours from opening to first contact
	ResolutionHours    float64     `json:"resolution_hours"`     // working hours from opening to resolved
	WebhookURL         string      `json:"webhook_url"`          // alerts for cases of no team with its own webhook
	WebhookSecret      string      `json:"webhook_secret"`       // HMAC-SHA256 key of every webhook this workspace sends
	DigestHour         int         `json:"digest_hour"`          // local hour of the managers' daily digest
}

// RootCause is one entry of the workspace's list a closed case must name.
type RootCause struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// DefaultSettings are a new workspace's loop settings, in its language.
func DefaultSettings(ws *workspace.Workspace) Settings {
	s := Settings{Calendar: DefaultCalendar(ws.Language, ws.Timezone), FirstResponseHours: 4, ResolutionHours: 16, DigestHour: 8}
	names := defaultCauses["en"]
	if locale.IsPersian(ws.Language) {
		names = defaultCauses["fa"]
	}
	for i, key := range causeKeys {
		s.RootCauses = append(s.RootCauses, RootCause{Key: key, Name: names[i]})
	}
	b := make([]byte, 24)
	rand.Read(b)
	s.WebhookSecret = hex.EncodeToString(b)
	return s
}

var causeKeys = []string{"staff_behaviour", "price", "delivery_delay", "product_defect", "out_of_stock", "website_app", "billing", "other"}

var defaultCauses = map[string][]string{
	"en": {"Staff behaviour", "Price", "Delivery delay", "Product defect", "Out of stock", "Website or app", "Billing", "Other"},
	"fa": {"رفتار کارکنان", "قیمت", "تأخیر در ارسال", "ایراد کالا", "ناموجودی", "سایت یا اپلیکیشن", "صورت‌حساب", "سایر"},
}

var causeKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// Validate checks the settings; errors name the field.
func (s *Settings) Validate() error {
	const op = "loop.Settings"
	if _, err := s.Calendar.compile(); err != nil {
		return err
	}
	if len(s.RootCauses) == 0 {
		return errs.Field(op, "root_causes", "list at least one root cause; closing a case needs one")
	}
	seen := map[string]bool{}
	for _, rc := range s.RootCauses {
		if !causeKey.MatchString(rc.Key) || seen[rc.Key] {
			return errs.Field(op, "root_causes", "root cause key %q must be unique, lower-case letters, digits and _", rc.Key)
		}
		seen[rc.Key] = true
	}
	if s.FirstResponseHours <= 0 || s.ResolutionHours < s.FirstResponseHours || s.ResolutionHours > 2000 {
		return errs.Field(op, "resolution_hours", "deadlines must be positive, first response no later than resolution, at most 2000 hours")
	}
	if s.DigestHour < 0 || s.DigestHour > 23 {
		return errs.Field(op, "digest_hour", "digest_hour must be 0 to 23")
	}
	if len(s.WebhookSecret) < 16 {
		return errs.Field(op, "webhook_secret", "the webhook secret must be at least 16 characters")
	}
	return checkWebhookURL(op, "webhook_url", s.WebhookURL)
}

func checkWebhookURL(op, field, raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return errs.Field(op, field, "%s must be an http or https URL, not %q", field, raw)
	}
	return nil
}

// cause returns the root cause with key, if the workspace lists it.
func (s *Settings) cause(key string) (RootCause, bool) {
	for _, rc := range s.RootCauses {
		if rc.Key == key {
			return rc, true
		}
	}
	return RootCause{}, false
}

type queryer interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// LoadSettings returns the workspace's settings, or its defaults.
func LoadSettings(ctx context.Context, q queryer, ws *workspace.Workspace) (Settings, error) {
	var body []byte
	err := q.QueryRow(ctx, `SELECT body FROM loop_settings WHERE workspace_id = ?`, ws.ID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultSettings(ws), nil
	}
	if err != nil {
		return Settings{}, errs.Wrap("loop.LoadSettings", err)
	}
	var s Settings
	return s, errs.Wrap("loop.LoadSettings", json.Unmarshal(body, &s))
}

// SaveSettings validates and stores the workspace's settings.
func SaveSettings(ctx context.Context, tx *store.Tx, wsID int64, actor string, s *Settings) error {
	const op = "loop.SaveSettings"
	s.WebhookURL = strings.TrimSpace(s.WebhookURL)
	if err := s.Validate(); err != nil {
		return err
	}
	body, _ := json.Marshal(s)
	_, err := tx.Exec(ctx, `INSERT INTO loop_settings (workspace_id, body, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (workspace_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
		wsID, string(body), store.Millis(tx.Now))
	if err != nil {
		return errs.Wrap(op, err)
	}
	return audit.Record(ctx, tx, wsID, actor, "loop.settings", "loop_settings", map[string]any{"root_causes": len(s.RootCauses)})
}

// deadlines computes a case's deadlines from when it opened.
func (s *Settings) deadlines(opened time.Time) (first, resolve time.Time, err error) {
	cal, err := s.Calendar.compile()
	if err != nil {
		return
	}
	hours := func(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }
	return cal.Add(opened, hours(s.FirstResponseHours)), cal.Add(opened, hours(s.ResolutionHours)), nil
}

// EnsureSettings returns the workspace's stored settings, storing the
// defaults first if it has none, so the webhook secret never changes
// under a receiver.
func EnsureSettings(ctx context.Context, tx *store.Tx, ws *workspace.Workspace) (Settings, error) {
	var body []byte
	err := tx.QueryRow(ctx, `SELECT body FROM loop_settings WHERE workspace_id = ?`, ws.ID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		s := DefaultSettings(ws)
		raw, _ := json.Marshal(s)
		_, err = tx.Exec(ctx, `INSERT INTO loop_settings (workspace_id, body, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (workspace_id) DO NOTHING`, ws.ID, string(raw), store.Millis(tx.Now))
		if err != nil {
			return Settings{}, errs.Wrap("loop.EnsureSettings", err)
		}
		err = tx.QueryRow(ctx, `SELECT body FROM loop_settings WHERE workspace_id = ?`, ws.ID).Scan(&body)
	}
	if err != nil {
		return Settings{}, errs.Wrap("loop.EnsureSettings", err)
	}
	var s Settings
	return s, errs.Wrap("loop.EnsureSettings", json.Unmarshal(body, &s))
}
