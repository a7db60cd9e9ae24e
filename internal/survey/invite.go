package survey

import (
	"context"
	"encoding/json"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Recipient names one customer to invite: by id, or by identities (a new
// customer is created for identities nobody owns).
type Recipient struct {
	CustomerID int64               `json:"customer_id,omitempty"`
	Identities []customer.Identity `json:"identities,omitempty"`
	Language   string              `json:"language,omitempty"`
}

// InviteRequest asks for personal links, or for sending on a channel.
type InviteRequest struct {
	Channel     string      `json:"channel"` // link, email or sms
	Recipients  []Recipient `json:"recipients"`
	SendAt      *time.Time  `json:"send_at,omitempty"`
	Touchpoint  string      `json:"touchpoint,omitempty"`
	ExpiresDays int         `json:"expires_days,omitempty"`
	DedupeKey   string      `json:"-"` // one invitation per key, for event triggers
}

// Invited is the outcome for one recipient.
type Invited struct {
	Index      int         `json:"index"`
	Invitation *Invitation `json:"invitation"`
	Skipped    string      `json:"skipped,omitempty"` // why nothing will be sent
}

// Scheduler queues a pending invitation for sending, in the same
// transaction that creates it.
type Scheduler func(ctx context.Context, tx *store.Tx, inv *Invitation) error

// Inviter creates invitations for one workspace.
type Inviter struct {
	DB        *store.DB
	Workspace *workspace.Workspace
	BaseURL   string
	Schedule  Scheduler // nil: only links can be made
}

// maxRecipients bounds one request.
const maxRecipients = 1000

// Invite creates one invitation per recipient, applying consent and the
// contact rule; bad recipients are reported by index, the rest proceed.
func (iv *Inviter) Invite(ctx context.Context, s *Survey, req InviteRequest) ([]Invited, []ItemError, error) {
	if err := iv.check(s, &req); err != nil {
		return nil, nil, err
	}
	set, err := LoadSettings(ctx, iv.DB, iv.Workspace.ID)
	if err != nil {
		return nil, nil, err
	}
	var out []Invited
	var bad []ItemError
	for i, r := range req.Recipients {
		inv, err := iv.one(ctx, s, set, req, r)
		if errs.Is(err, errs.Invalid) || errs.Is(err, errs.NotExist) {
			bad = append(bad, ItemError{Index: i, Err: err})
			continue
		}
		if err != nil {
			return out, bad, err
		}
		res := Invited{Index: i, Invitation: inv}
		if inv.Status == InvSuppressed {
			res.Skipped = inv.Detail
		}
		out = append(out, res)
	}
	return out, bad, nil
}

func (iv *Inviter) check(s *Survey, req *InviteRequest) error {
	const op = "survey.Invite"
	if s.Status != Published {
		return errs.E(op, errs.Conflict, "publish survey %d before inviting anyone", s.ID)
	}
	switch req.Channel {
	case "link":
	case "email", "sms":
		if iv.Schedule == nil {
			return errs.Field(op, "channel", "sending by %s is not set up on this server", req.Channel)
		}
	default:
		return errs.Field(op, "channel", "channel must be link, email or sms, not %q", req.Channel)
	}
	if len(req.Recipients) == 0 || len(req.Recipients) > maxRecipients {
		return errs.Field(op, "recipients", "give 1 to %d recipients", maxRecipients)
	}
	if req.ExpiresDays == 0 {
		req.ExpiresDays = 30
	}
	if req.ExpiresDays < 1 || req.ExpiresDays > 365 {
		return errs.Field(op, "expires_days", "expires_days must be 1 to 365")
	}
	return nil
}

// one invites one recipient.
func (iv *Inviter) one(ctx context.Context, s *Survey, set *Settings, req InviteRequest, r Recipient) (*Invitation, error) {
	c, err := iv.customerOf(ctx, r)
	if err != nil {
		return nil, err
	}
	inv := &Invitation{WorkspaceID: iv.Workspace.ID, SurveyID: s.ID, CustomerID: c.ID, Channel: req.Channel,
		Language: languageOf(r.Language, c, iv.Workspace.Language), Touchpoint: firstOf(req.Touchpoint, s.Touchpoint),
		Address: addressOf(c, req.Channel)}
	if req.Channel != "link" && inv.Address == "" {
		return nil, errs.Field("survey.Invite", "recipients", "customer %d has no %s address", c.ID, req.Channel)
	}
	err = iv.DB.InTx(ctx, func(tx *store.Tx) error {
		inv.SendAt = tx.Now
		if req.SendAt != nil && req.SendAt.After(tx.Now) {
			inv.SendAt = req.SendAt.UTC()
		}
		inv.ExpiresAt = inv.SendAt.AddDate(0, 0, req.ExpiresDays)
		if err := decide(ctx, tx, set, c, inv); err != nil {
			return err
		}
		if err := insertInvitation(ctx, tx, inv, req.DedupeKey); err != nil {
			return err
		}
		if inv.Status == InvPending {
			return iv.Schedule(ctx, tx, inv)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	inv.Token = set.Token(inv.ID)
	inv.URL = iv.BaseURL + "/s/" + inv.Token
	return inv, nil
}

func (iv *Inviter) customerOf(ctx context.Context, r Recipient) (*customer.Customer, error) {
	if r.CustomerID > 0 {
		return customer.Get(ctx, iv.DB, iv.Workspace.ID, r.CustomerID)
	}
	ids, err := customer.NormalizeAll(r.Identities, iv.Workspace.Region)
	if err != nil {
		return nil, err
	}
	var res customer.Resolution
	err = iv.DB.InTx(ctx, func(tx *store.Tx) error {
		res, err = customer.Resolve(ctx, tx, iv.Workspace.ID, ids, nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return customer.Get(ctx, iv.DB, iv.Workspace.ID, res.CustomerID)
}

// languageOf picks the respondent's language: asked for, on the profile,
// or the workspace's.
func languageOf(asked string, c *customer.Customer, def string) string {
	if asked == "fa" || asked == "en" {
		return asked
	}
	var lang string
	if raw, ok := c.Traits["language"]; ok && json.Unmarshal(raw, &lang) == nil && (lang == "fa" || lang == "en") {
		return lang
	}
	return def
}

func addressOf(c *customer.Customer, channel string) string {
	kind := map[string]customer.Kind{"email": customer.Email, "sms": customer.Phone}[channel]
	for _, id := range c.Identities {
		if id.Kind == kind {
			return id.Value
		}
	}
	return ""
}
