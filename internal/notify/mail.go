package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"maps"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"slices"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Mail is one e-mail, with a plain-text and an HTML body.
type Mail struct {
	To, Subject string
	Text, HTML  string
	// Headers are extra header fields in ASCII, such as List-Unsubscribe
	// and List-Unsubscribe-Post for one-click unsubscribe (RFC 8058).
	Headers map[string]string
}

// SMTP sends mail through one server. STARTTLS is used when the server
// offers it; credentials are sent only over TLS or to localhost.
type SMTP struct {
	Addr, From, User, Password string
	Timeout                    time.Duration
}

// Send delivers m to its recipient.
func (s *SMTP) Send(ctx context.Context, m Mail) error {
	const op = "notify.SMTP"
	from, err := mail.ParseAddress(s.From)
	if err != nil {
		return errs.Field(op, "from", "the sender %q is not an e-mail address", s.From)
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return errs.Field(op, "to", "the recipient %q is not an e-mail address", m.To)
	}
	c, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := s.hello(c); err != nil {
		return err
	}
	if err := c.Mail(from.Address); err != nil {
		return fmt.Errorf("smtp MAIL: %w", err)
	}
	if err := c.Rcpt(to.Address); err != nil {
		return fmt.Errorf("smtp RCPT: %w", err)
	}
	wc, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if _, err := wc.Write(compose(from, to, m)); err != nil {
		return fmt.Errorf("smtp write: %w", err)
	}
	if err := wc.Close(); err != nil {
		return fmt.Errorf("smtp end of data: %w", err)
	}
	return c.Quit()
}

func (s *SMTP) dial(ctx context.Context) (*smtp.Client, error) {
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 20 * time.Second
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return nil, fmt.Errorf("reach the mail server %s: %w", s.Addr, err)
	}
	conn.SetDeadline(time.Now().Add(2 * timeout))
	host, _, _ := net.SplitHostPort(s.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("smtp greeting: %w", err)
	}
	return c, nil
}

func (s *SMTP) hello(c *smtp.Client) error {
	host, _, _ := net.SplitHostPort(s.Addr)
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return fmt.Errorf("smtp STARTTLS: %w", err)
		}
	}
	if s.User == "" {
		return nil
	}
	if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, host)); err != nil {
		return fmt.Errorf("smtp AUTH: %w", err)
	}
	return nil
}

// compose writes the message: UTF-8 headers encoded for Persian subjects
// and names, and a multipart/alternative body in quoted-printable.
func compose(from, to *mail.Address, m Mail) []byte {
	var b bytes.Buffer
	boundary := randomHex(12)
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.BEncoding.Encode("utf-8", m.Subject))
	header("Date", time.Now().Format(time.RFC1123Z))
	header("Message-ID", "<"+randomHex(16)+"@"+domainOf(from.Address)+">")
	header("MIME-Version", "1.0")
	header("Auto-Submitted", "auto-generated")
	for _, k := range slices.Sorted(maps.Keys(m.Headers)) {
		if v := m.Headers[k]; !strings.ContainsAny(k+v, "\r\n") {
			header(k, v)
		}
	}
	header("Content-Type", `multipart/alternative; boundary="`+boundary+`"`)
	b.WriteString("\r\n")
	part(&b, boundary, "text/plain; charset=utf-8", m.Text)
	if m.HTML != "" {
		part(&b, boundary, "text/html; charset=utf-8", m.HTML)
	}
	b.WriteString("--" + boundary + "--\r\n")
	return b.Bytes()
}

func part(b *bytes.Buffer, boundary, ctype, body string) {
	fmt.Fprintf(b, "--%s\r\nContent-Type: %s\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n", boundary, ctype)
	qp := quotedprintable.NewWriter(b)
	qp.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n")))
	qp.Close()
	b.WriteString("\r\n")
}

func domainOf(addr string) string { return addr[strings.LastIndexByte(addr, '@')+1:] }

func randomHex(n int) string {
	p := make([]byte, n)
	rand.Read(p)
	return hex.EncodeToString(p)
}
