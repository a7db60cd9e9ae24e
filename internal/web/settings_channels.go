package web

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// channelsData is the workspace's survey channels as the form shows them:
// secrets are never shown, only whether one is set.
type channelsData struct {
	SMTP                survey.SMTP
	SMS                 survey.SMS
	HasPassword, HasKey bool
	Cooldown            int
	Try                 tryForm    // the test form as typed
	Result              *tryResult // how the test send went, once sent
}

// channels serves GET /settings/channels.
func (c *Console) channels(w http.ResponseWriter, r *http.Request, v *View) {
	s, err := survey.LoadSettings(r.Context(), c.db, v.Workspace.ID)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageChannels, channelsOf(s))
}

func channelsOf(s *survey.Settings) channelsData {
	d := channelsData{SMTP: s.Channels.SMTP, SMS: s.Channels.SMS, Cooldown: s.CooldownDays,
		HasPassword: s.Channels.SMTP.Password != "", HasKey: s.Channels.SMS.Key != ""}
	d.SMTP.Password, d.SMS.Key = "", ""
	return d
}

// saveChannels serves POST /settings/channels: a secret left empty keeps
// the one stored.
func (c *Console) saveChannels(w http.ResponseWriter, r *http.Request, v *View) {
	s, err := survey.LoadSettings(r.Context(), c.db, v.Workspace.ID)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	p := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	ch := &s.Channels
	ch.SMTP.Addr, ch.SMTP.From, ch.SMTP.User = p("smtp_addr"), p("smtp_from"), p("smtp_user")
	ch.SMS.Provider, ch.SMS.URL, ch.SMS.Sender = p("sms_provider"), p("sms_url"), latin(p("sms_sender"))
	if pw := r.PostFormValue("smtp_password"); pw != "" {
		ch.SMTP.Password = pw
	}
	if k := p("sms_key"); k != "" {
		ch.SMS.Key = k
	}
	err = checkChannels(ch)
	if err == nil {
		err = survey.SaveSettings(withoutCancel(r), c.db, s)
	}
	if err != nil {
		c.formError(w, r, v, pageChannels, channelsOf(s), err)
		return
	}
	http.Redirect(w, r, "/settings/channels?done=saved", http.StatusSeeOther)
}

// checkChannels refuses addresses that could never be reached.
func checkChannels(ch *survey.Channels) error {
	if a := ch.SMTP.Addr; a != "" {
		if _, port, err := net.SplitHostPort(a); err != nil || port == "" {
			return errs.Field("web.channels", "smtp_addr", "the SMTP server is host:port, not %q", a)
		}
	}
	if f := ch.SMTP.From; f != "" && !strings.Contains(f, "@") {
		return errs.Field("web.channels", "smtp_from", "the sender %q is not an e-mail address", f)
	}
	if u := ch.SMS.URL; u != "" {
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
			return errs.Field("web.channels", "sms_url", "the SMS provider's URL %q is not http(s)", u)
		}
	}
	if ch.SMS.Provider == "http" && ch.SMS.URL == "" {
		return errs.Field("web.channels", "sms_url", "a generic HTTP provider needs its URL")
	}
	return nil
}
