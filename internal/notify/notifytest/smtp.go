// Package notifytest runs the far ends of notify's channels inside tests:
// a real SMTP server that keeps what it receives.
package notifytest

import (
	"io"
	"net"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// MailServer is a real SMTP server in the test process.
type MailServer struct {
	Addr string
	mu   sync.Mutex
	got  [][]byte
}

// Messages returns the raw messages received so far.
func (m *MailServer) Messages() [][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([][]byte(nil), m.got...)
}

type session struct{ m *MailServer }

func (s session) Mail(string, *smtp.MailOptions) error { return nil }
func (s session) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s session) Reset()                               {}
func (s session) Logout() error                        { return nil }
func (s session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.m.mu.Lock()
	s.m.got = append(s.m.got, b)
	s.m.mu.Unlock()
	return err
}

// StartMailServer listens on a free local port until the test ends.
func StartMailServer(t testing.TB) *MailServer {
	t.Helper()
	m := &MailServer{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return session{m}, nil }))
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m.Addr = ln.Addr().String()
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return m
}
