package survey

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Sender sends invitations on their channel when their send job is due.
type Sender struct {
	DB      *store.DB
	BaseURL string
	// SMS and Mail build the workspace's senders from its settings; nil
	// uses the settings as they are (Kavenegar or generic HTTP, SMTP).
	SMS  func(SMS) notify.SMSProvider
	Mail func(SMTP) MailSender
}

// MailSender delivers one e-mail.
type MailSender interface {
	Send(ctx context.Context, m notify.Mail) error
}

// Run is the timer handler of JobSend.
func (sd *Sender) Run(ctx context.Context, j timer.Job) error {
	var p sendPayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return timer.Permanent(err)
	}
	inv, err := GetInvitation(ctx, sd.DB, p.InvitationID)
	if errs.Is(err, errs.NotExist) || (err == nil && inv.Status != InvPending) {
		return nil // deleted, or already sent by a run whose outcome was lost
	}
	if err != nil {
		return err
	}
	err = sd.send(ctx, inv)
	var rej *notify.Rejected
	if errors.As(err, &rej) || errs.Is(err, errs.Invalid) {
		sd.mark(ctx, inv.ID, InvFailed, err.Error())
		return timer.Permanent(err)
	}
	if err != nil {
		return err
	}
	return sd.mark(ctx, inv.ID, InvSent, "")
}

func (sd *Sender) send(ctx context.Context, inv *Invitation) error {
	set, err := LoadSettings(ctx, sd.DB, inv.WorkspaceID)
	if err != nil {
		return err
	}
	s, err := Get(ctx, sd.DB, inv.WorkspaceID, inv.SurveyID)
	if err != nil {
		return err
	}
	if s.Status != Published {
		return errs.E("survey.send", errs.Invalid, "survey %d is %s", s.ID, s.Status)
	}
	if c, err := customer.Get(ctx, sd.DB, inv.WorkspaceID, inv.CustomerID); err == nil && withdrew(c, inv.Channel) {
		return errs.E("survey.send", errs.Invalid, "the customer withdrew consent to %s before sending", inv.Channel)
	}
	brand := ""
	if ws, err := workspace.Get(ctx, sd.DB, inv.WorkspaceID); err == nil {
		brand = ws.Name
	}
	link := sd.BaseURL + "/s/" + set.Token(inv.ID)
	switch inv.Channel {
	case "email":
		return sd.mailer(set.Channels.SMTP).Send(ctx, MailMessage(s, brand, inv.Language, inv.Address, link))
	case "sms":
		_, err := sd.texter(set.Channels.SMS).Send(ctx, inv.Address, SMSText(s, brand, inv.Language, link))
		return err
	}
	return errs.E("survey.send", errs.Invalid, "invitation %d has no channel to send on", inv.ID)
}

func (sd *Sender) mailer(c SMTP) MailSender {
	if sd.Mail != nil {
		return sd.Mail(c)
	}
	return c.Mailer()
}

func (sd *Sender) texter(c SMS) notify.SMSProvider {
	if sd.SMS != nil {
		return sd.SMS(c)
	}
	return c.Texter()
}

// Mailer is the SMTP client of these settings.
func (c SMTP) Mailer() *notify.SMTP {
	return &notify.SMTP{Addr: c.Addr, From: c.From, User: c.User, Password: c.Password}
}

// Texter is the SMS provider of these settings: Kavenegar (at URL when
// set, else its own address) or a generic HTTP gateway.
func (c SMS) Texter() notify.SMSProvider {
	if c.Provider == "kavenegar" {
		return &notify.Kavenegar{Key: c.Key, Sender: c.Sender, BaseURL: c.URL}
	}
	return &notify.HTTPProvider{URL: c.URL, Key: c.Key, Sender: c.Sender}
}

func (sd *Sender) mark(ctx context.Context, id int64, status, detail string) error {
	var sent any
	if status == InvSent {
		sent = store.Millis(sd.DB.Now())
	}
	_, err := sd.DB.Exec(ctx, `UPDATE survey_invitations SET status = ?, detail = ?, sent_at = ? WHERE id = ?`,
		status, clipDetail(detail), sent, id)
	return errs.Wrap("survey.mark", err)
}

func clipDetail(s string) string {
	if len(s) > 500 {
		return s[:500]
	}
	return s
}
