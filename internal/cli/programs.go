package cli

import (
	"context"
	"log/slog"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// programRunner runs programs with the workspace's own senders (its survey
// settings' SMTP server and SMS provider; none when unset) and the survey
// inviter.
func programRunner(db *store.DB, log *slog.Logger, base string) *program.Runner {
	return &program.Runner{DB: db, BaseURL: base, Log: log, Senders: surveySenders(db), Invite: surveyInvite(db, base)}
}

func surveySenders(db *store.DB) func(context.Context, int64) (program.Mailer, notify.SMSProvider, error) {
	return func(ctx context.Context, ws int64) (program.Mailer, notify.SMSProvider, error) {
		set, err := survey.LoadSettings(ctx, db, ws)
		if err != nil {
			return nil, nil, err
		}
		m, s := set.Channels.SMTP, set.Channels.SMS
		var mail program.Mailer
		var sms notify.SMSProvider
		if m.Addr != "" {
			mail = &notify.SMTP{Addr: m.Addr, From: m.From, User: m.User, Password: m.Password}
		}
		switch {
		case s.Provider == "kavenegar":
			sms = &notify.Kavenegar{Key: s.Key, Sender: s.Sender}
		case s.URL != "":
			sms = &notify.HTTPProvider{URL: s.URL, Key: s.Key, Sender: s.Sender}
		}
		return mail, sms, nil
	}
}

func surveyInvite(db *store.DB, base string) func(context.Context, int64, int64, int64, string, string) (string, error) {
	return func(ctx context.Context, wsID, surveyID, customerID int64, channel, key string) (string, error) {
		ws, err := workspace.Get(ctx, db, wsID)
		if err != nil {
			return "", err
		}
		s, err := survey.Get(ctx, db, wsID, surveyID)
		if err != nil {
			return "", err
		}
		iv := &survey.Inviter{DB: db, Workspace: ws, BaseURL: base, Schedule: survey.ScheduleSend}
		out, bad, err := iv.Invite(ctx, s, survey.InviteRequest{Channel: channel, Recipients: []survey.Recipient{{CustomerID: customerID}}, DedupeKey: key})
		switch {
		case errs.Is(err, errs.Exist):
			return "", nil // a run whose outcome was lost invited them already
		case err != nil:
			return "", err
		case len(bad) > 0:
			return "", errs.E("program.invite", errs.Invalid, "%s", errs.Message(bad[0].Err))
		case len(out) == 1:
			return out[0].Skipped, nil
		}
		return "", nil
	}
}
