package customer

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Channels a customer can consent to be contacted on.
var ConsentChannels = []string{"email", "sms", "voice", "push", "messaging"}

// Consent is a customer's word on being contacted on one channel: who
// recorded it and when. Withdrawals add a row; history is never rewritten.
type Consent struct {
	Channel string    `json:"channel"`
	Granted bool      `json:"granted"`
	Source  string    `json:"source"`
	Note    string    `json:"note,omitempty"`
	At      time.Time `json:"at"`
}

// Validate checks the channel and fills the source.
func (c *Consent) Validate() error {
	for _, ch := range ConsentChannels {
		if c.Channel == ch {
			if c.Source == "" {
				c.Source = "api"
			}
			return nil
		}
	}
	return errs.Field("customer.Consent", "channel", "consent channel must be one of email, sms, voice, push, messaging, not %q", c.Channel)
}

// RecordConsent appends a consent decision for the customer.
func RecordConsent(ctx context.Context, tx *store.Tx, workspaceID, customerID int64, c Consent) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.At.IsZero() {
		c.At = tx.Now
	}
	_, err := tx.Exec(ctx, `INSERT INTO consents (workspace_id, customer_id, channel, granted, source, note, at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, workspaceID, customerID, c.Channel, c.Granted, c.Source, c.Note, store.Millis(c.At))
	return errs.Wrap("customer.RecordConsent", err)
}

// currentConsent returns the latest decision per channel across ids.
func currentConsent(ctx context.Context, q queryer, ids []int64) ([]Consent, error) {
	query, args := inList(`SELECT channel, granted, source, note, at FROM consents WHERE customer_id IN (%s)
		ORDER BY at DESC, id DESC`, ids)
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, errs.Wrap("customer.consent", err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	out := []Consent{}
	for rows.Next() {
		var c Consent
		var at int64
		if err := rows.Scan(&c.Channel, &c.Granted, &c.Source, &c.Note, &at); err != nil {
			return nil, err
		}
		if !seen[c.Channel] {
			seen[c.Channel] = true
			c.At = store.Time(at)
			out = append(out, c)
		}
	}
	return out, rows.Err()
}
