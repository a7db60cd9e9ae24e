package survey

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// SMTP is how a workspace sends survey e-mail.
type SMTP struct {
	Addr     string `json:"addr"` // host:port
	From     string `json:"from"`
	User     string `json:"user,omitempty"`
	Password string `json:"password,omitempty"`
}

// SMS is how a workspace sends survey texts.
type SMS struct {
	Provider string `json:"provider"` // "http" (generic) or "kavenegar"
	URL      string `json:"url,omitempty"`
	Key      string `json:"key,omitempty"`
	Sender   string `json:"sender,omitempty"`
}

// Channels holds the workspace's sending settings.
type Channels struct {
	SMTP SMTP `json:"smtp"`
	SMS  SMS  `json:"sms"`
}

// Settings are a workspace's survey rules. The contact rule: at most one
// survey invitation per customer per CooldownDays, across every channel.
type Settings struct {
	WorkspaceID  int64    `json:"-"`
	CooldownDays int      `json:"cooldown_days"`
	EditMinutes  int      `json:"edit_minutes"` // how long a personal response stays editable
	Channels     Channels `json:"channels"`
	HookKey      string   `json:"hook_key"` // signs IVR calls and authenticates SMS webhooks
	secret       []byte
}

// LoadSettings returns the workspace's settings, creating them with a
// fresh signing secret on first use.
func LoadSettings(ctx context.Context, db *store.DB, workspaceID int64) (*Settings, error) {
	const op = "survey.LoadSettings"
	s, err := readSettings(ctx, db, workspaceID)
	if errs.Is(err, errs.NotExist) {
		_, err = db.Exec(ctx, `INSERT INTO survey_settings (workspace_id, secret, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (workspace_id) DO NOTHING`, workspaceID, randomToken(32), store.Millis(db.Now()))
		if err != nil {
			return nil, errs.Wrap(op, err)
		}
		s, err = readSettings(ctx, db, workspaceID)
	}
	return s, errs.Wrap(op, err)
}

func readSettings(ctx context.Context, db *store.DB, workspaceID int64) (*Settings, error) {
	s := &Settings{WorkspaceID: workspaceID}
	var secret string
	var channels []byte
	err := db.QueryRow(ctx, `SELECT secret, cooldown_days, edit_minutes, channels FROM survey_settings WHERE workspace_id = ?`,
		workspaceID).Scan(&secret, &s.CooldownDays, &s.EditMinutes, &channels)
	if err != nil {
		if isNoRows(err) {
			return nil, errs.E("survey.Settings", errs.NotExist, "no survey settings yet")
		}
		return nil, err
	}
	if err := json.Unmarshal(channels, &s.Channels); err != nil {
		return nil, err
	}
	s.secret = []byte(secret)
	s.HookKey = hex.EncodeToString(s.mac("hooks")[:16])
	return s, nil
}

// SaveSettings stores the rules and channels; the secret never changes here.
func SaveSettings(ctx context.Context, db *store.DB, s *Settings) error {
	const op = "survey.SaveSettings"
	if s.CooldownDays < 0 || s.CooldownDays > 365 {
		return errs.Field(op, "cooldown_days", "cooldown_days must be 0 to 365")
	}
	if s.EditMinutes < 0 || s.EditMinutes > 60*24*30 {
		return errs.Field(op, "edit_minutes", "edit_minutes must be 0 to 43200 (30 days)")
	}
	switch s.Channels.SMS.Provider {
	case "", "http", "kavenegar":
	default:
		return errs.Field(op, "channels.sms.provider", "SMS provider must be http or kavenegar, not %q", s.Channels.SMS.Provider)
	}
	body, _ := json.Marshal(s.Channels)
	_, err := db.Exec(ctx, `UPDATE survey_settings SET cooldown_days = ?, edit_minutes = ?, channels = ?, updated_at = ?
		WHERE workspace_id = ?`, s.CooldownDays, s.EditMinutes, string(body), store.Millis(db.Now()), s.WorkspaceID)
	return errs.Wrap(op, err)
}

// mac signs msg with the workspace's secret.
func (s *Settings) mac(msg string) []byte {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// VerifyHook checks a hex HMAC-SHA256 of body under the hook key, as a
// phone system signs its calls.
func (s *Settings) VerifyHook(body []byte, signature string) bool {
	got, err := hex.DecodeString(signature)
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, []byte(s.HookKey))
	m.Write(body)
	return hmac.Equal(got, m.Sum(nil))
}

// CheckHookKey reports whether key is the workspace's hook key.
func (s *Settings) CheckHookKey(key string) bool {
	return hmac.Equal([]byte(key), []byte(s.HookKey))
}

// Redacted returns the settings with passwords and keys blanked, for
// showing.
func (s Settings) Redacted() Settings {
	if s.Channels.SMTP.Password != "" {
		s.Channels.SMTP.Password = "********"
	}
	if s.Channels.SMS.Key != "" {
		s.Channels.SMS.Key = "********"
	}
	return s
}
