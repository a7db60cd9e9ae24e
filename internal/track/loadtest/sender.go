package loadtest

import (
	"bufio"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"
)

// sender is one worker's keep-alive HTTP/1.1 connection. It writes each
// request in one write and reads only what it needs of the answer
// (readAnswer), without http.Client's two goroutines and channel
// hand-offs per connection: on a two-core machine the load generator shares the cores
// with the server it measures, and the client's share is then what the
// server cannot use. The server sees the same bytes an SDK sends.
type sender struct {
	host, auth string
	conn       net.Conn
	r          *bufio.Reader
	w          *bufio.Writer
	head, body []byte
}

func newSender(base, auth string) (*sender, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("the load generator speaks plain http, not %q", u.Scheme)
	}
	return &sender{host: u.Host, auth: auth}, nil
}

// send posts body to path and returns an error unless the answer is 2xx.
// A connection the server closed is opened again once.
func (s *sender) send(path string, body []byte) error {
	for attempt := 0; ; attempt++ {
		fresh, err := s.dial()
		if err != nil {
			return err
		}
		a, err := s.roundTrip(path, body)
		if err != nil {
			s.close()
			if !fresh && attempt == 0 {
				continue // the idle connection was closed under us
			}
			return err
		}
		if a.close {
			s.close()
		}
		if a.status/100 != 2 {
			return fmt.Errorf("%d: %s", a.status, a.body)
		}
		return nil
	}
}

func (s *sender) dial() (fresh bool, err error) {
	if s.conn != nil {
		return false, nil
	}
	c, err := net.DialTimeout("tcp", s.host, 10*time.Second)
	if err != nil {
		return true, err
	}
	s.conn, s.r, s.w = c, bufio.NewReaderSize(c, 4096), bufio.NewWriterSize(c, 64<<10)
	return true, nil
}

func (s *sender) roundTrip(path string, body []byte) (answer, error) {
	s.conn.SetDeadline(time.Now().Add(time.Minute))
	s.head = append(s.head[:0], "POST "...)
	s.head = append(s.head, path...)
	s.head = append(s.head, " HTTP/1.1\r\nHost: "...)
	s.head = append(s.head, s.host...)
	s.head = append(s.head, "\r\nAuthorization: "...)
	s.head = append(s.head, s.auth...)
	s.head = append(s.head, "\r\nContent-Type: application/json\r\nContent-Length: "...)
	s.head = strconv.AppendInt(s.head, int64(len(body)), 10)
	s.head = append(s.head, "\r\n\r\n"...)
	s.w.Write(s.head)
	s.w.Write(body)
	if err := s.w.Flush(); err != nil {
		return answer{}, err
	}
	a, err := readAnswer(s.r, s.body)
	if cap(a.body) > cap(s.body) && cap(a.body) <= 64<<10 {
		s.body = a.body
	}
	return a, err
}

func (s *sender) close() {
	if s.conn != nil {
		s.conn.Close()
		s.conn = nil
	}
}
