package loop

import (
	"context"
	"errors"

	"github.com/tajrobe/tajrobe/internal/notify"
)

// Mailer sends one e-mail. *notify.SMTP is one: alerts go out on the same
// SMTP path as survey invitations.
type Mailer interface {
	Send(ctx context.Context, m notify.Mail) error
}

// errNoMail is the error of an e-mail alert with no mail server to go to;
// the alert is retried (someone may configure one) and then goes dead.
var errNoMail = errors.New("no mail server is configured")

// mailer returns the workspace's mailer.
func (s *Service) mailer(ctx context.Context, workspaceID int64) (Mailer, error) {
	if s.Mail == nil {
		return nil, errNoMail
	}
	m, err := s.Mail(ctx, workspaceID)
	if err == nil && m == nil {
		err = errNoMail
	}
	return m, err
}
