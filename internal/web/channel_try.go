package web

import (
	"context"
	"net/http"
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// A member may send tryLimit test messages per tryWindow in a workspace;
// the attempts are counted in the audit log, so every node sees them.
const (
	tryLimit  = 5
	tryWindow = time.Minute
)

// tryForm is the "send a test" form as typed.
type tryForm struct{ Channel, To string }

// tryResult is what a test send came to: the provider's id for the
// message, or its error with the workspace's secrets masked.
type tryResult struct {
	OK                     bool
	To, ProviderID, Detail string
}

// tryChannel serves POST /settings/channels/test: a test message on the
// e-mail or SMS channel as saved, to an address or number typed here.
func (c *Console) tryChannel(w http.ResponseWriter, r *http.Request, v *View) {
	s, err := survey.LoadSettings(r.Context(), c.db, v.Workspace.ID)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	d := channelsOf(s)
	d.Try = tryForm{Channel: r.PostFormValue("channel"), To: strings.TrimSpace(r.PostFormValue("to"))}
	to, err := tryTarget(&s.Channels, d.Try)
	if err == nil {
		err = c.countTry(r, v, d.Try.Channel, to)
	}
	if err != nil {
		c.formError(w, r, v, pageChannels, d, err)
		return
	}
	res := c.sendTry(r.Context(), v, &s.Channels, d.Try.Channel, to)
	d.Result = &res
	status := http.StatusOK
	if !res.OK {
		status = http.StatusBadGateway
	}
	c.render(w, r, status, v, pageChannels, d)
}

// tryTarget checks the channel is set up and reads the address, or the
// phone number in any digits, to send to.
func tryTarget(ch *survey.Channels, f tryForm) (string, error) {
	const op = "web.channels"
	switch f.Channel {
	case "email":
		if ch.SMTP.Addr == "" || ch.SMTP.From == "" {
			return "", errs.Field(op, "test_channel", "save the SMTP server and sender first")
		}
		a, err := mail.ParseAddress(f.To)
		if err != nil || utf8.RuneCountInString(f.To) > 254 {
			return "", errs.Field(op, "test_email", "%q is not an e-mail address", f.To)
		}
		return a.Address, nil
	case "sms":
		if ch.SMS.Provider == "" || (ch.SMS.Provider == "http" && ch.SMS.URL == "") {
			return "", errs.Field(op, "test_channel", "save the SMS provider first")
		}
		p, err := locale.NormalizePhone(f.To, locale.DefaultRegion)
		if err != nil {
			return "", errs.Field(op, "test_phone", "%q is not a phone number", f.To)
		}
		return p, nil
	}
	return "", errs.Field(op, "test_channel", "choose e-mail or SMS, not %q", f.Channel)
}

// countTry refuses a test beyond the member's limit, else records it.
func (c *Console) countTry(r *http.Request, v *View, channel, to string) error {
	return c.db.InTx(withoutCancel(r), func(tx *store.Tx) error {
		n, err := audit.Count(r.Context(), tx, v.Workspace.ID, actor(v), "channel.test", tx.Now.Add(-tryWindow))
		if err != nil {
			return err
		}
		if n >= tryLimit {
			return &errs.Error{Op: "web.channels", Kind: errs.RateLimited, Field: "test_rate",
				Msg: "at most 5 test messages a minute; wait a moment"}
		}
		return audit.Record(r.Context(), tx, v.Workspace.ID, actor(v), "channel.test", "channel:"+channel, map[string]string{"to": to})
	})
}

// sendTry sends the test message and reports how it went.
func (c *Console) sendTry(ctx context.Context, v *View, ch *survey.Channels, channel, to string) tryResult {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	res := tryResult{To: to}
	if channel == "sms" { // as people write it, isolated so its groups keep their order in Persian text
		res.To = "\u2066" + v.Phone(to) + "\u2069"
	}
	text := v.T("console.channels.test_text", v.Workspace.Name)
	var err error
	if channel == "email" {
		m := ch.SMTP.Mailer()
		m.Timeout = 10 * time.Second
		err = m.Send(ctx, notify.Mail{To: to, Subject: v.T("console.channels.test_subject", v.Workspace.Name), Text: text})
	} else {
		res.ProviderID, err = ch.SMS.Texter().Send(ctx, to, text)
	}
	if err != nil {
		res.Detail = masked(err.Error(), ch.SMTP.Password, ch.SMS.Key)
		return res
	}
	res.OK = true
	return res
}

// masked hides secrets in a provider's error (a key can be part of the
// URL an error quotes) and keeps it short.
func masked(s string, secrets ...string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(strings.ReplaceAll(s, sec, "•••"), url.PathEscape(sec), "•••")
		}
	}
	if r := []rune(s); len(r) > 500 {
		s = string(r[:500]) + "…"
	}
	return s
}
