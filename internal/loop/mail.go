package loop

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strings"
	"time"
)

// Mailer sends one plain-text e-mail.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// SMTPMailer sends e-mail through an SMTP server, with STARTTLS when the
// server offers it and authentication when Username is set.
type SMTPMailer struct {
	Addr     string // host:port
	From     string
	Username string
	Password string
	TLS      *tls.Config // for STARTTLS; nil verifies the server's host name
	Timeout  time.Duration
}

// Send delivers one message; the subject is MIME-encoded and the body is
// UTF-8 in base64, so Persian text arrives exactly as written.
func (m *SMTPMailer) Send(ctx context.Context, to, subject, body string) error {
	timeout := m.Timeout
	if timeout == 0 {
		timeout = 20 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", m.Addr)
	if err != nil {
		return err
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	host, _, _ := net.SplitHostPort(m.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if err := m.hello(c, host); err != nil {
		return err
	}
	return m.transfer(c, to, message(m.From, to, subject, body))
}

func (m *SMTPMailer) hello(c *smtp.Client, host string) error {
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := m.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: host}
		}
		if err := c.StartTLS(cfg); err != nil {
			return err
		}
	}
	if m.Username != "" {
		return c.Auth(smtp.PlainAuth("", m.Username, m.Password, host))
	}
	return nil
}

func (m *SMTPMailer) transfer(c *smtp.Client, to string, msg []byte) error {
	if err := c.Mail(m.From); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

func message(from, to, subject, body string) []byte {
	id := make([]byte, 12)
	rand.Read(id)
	domain := from[strings.LastIndexByte(from, '@')+1:]
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\n", from, to, mime.BEncoding.Encode("utf-8", subject))
	fmt.Fprintf(&b, "Date: %s\r\nMessage-ID: <%s@%s>\r\n", time.Now().UTC().Format(time.RFC1123Z), hex.EncodeToString(id), domain)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return []byte(b.String())
}
