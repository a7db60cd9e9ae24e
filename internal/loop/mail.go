package loop

import (
	"context"
	"errors"

	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// Mailer sends one e-mail. *notify.SMTP is one: alerts go out on the same
// SMTP path as survey invitations.
type Mailer interface {
	Send(ctx context.Context, m notify.Mail) error
}

// errNoMail is the error of an e-mail alert with no mail server to go to.
// Retrying cannot help, so the alert goes dead at once, with this reason
// on the dead-letter list, instead of failing eight times in the log.
var errNoMail = errors.New("no mail server is configured")

// mailer returns the workspace's mailer.
func (s *Service) mailer(ctx context.Context, workspaceID int64) (Mailer, error) {
	if s.Mail == nil {
		return nil, timer.Permanent(errNoMail)
	}
	m, err := s.Mail(ctx, workspaceID)
	if err == nil && m == nil {
		err = timer.Permanent(errNoMail)
	}
	return m, err
}
