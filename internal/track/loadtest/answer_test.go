package loadtest

import (
	"bufio"
	"strings"
	"testing"
)

func TestReadAnswer(t *testing.T) {
	raw := "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 16\r\n\r\n{\"success\":true}" +
		"HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbad \r\n5\r\ninput\r\n0\r\nX-Trailer: 1\r\n\r\n" +
		"HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 4\r\n\r\nbusy" +
		"HTTP/1.0 200 OK\r\n\r\nto the end"
	r := bufio.NewReader(strings.NewReader(raw))
	want := []answer{
		{status: 200, body: []byte(`{"success":true}`)},
		{status: 400, body: []byte("bad input")},
		{status: 503, body: []byte("busy"), close: true},
		{status: 200, body: []byte("to the end"), close: true},
	}
	buf := make([]byte, 0, 8)
	for i, w := range want {
		a, err := readAnswer(r, buf)
		if err != nil {
			t.Fatalf("answer %d: %v", i, err)
		}
		if a.status != w.status || string(a.body) != string(w.body) || a.close != w.close {
			t.Fatalf("answer %d = %d %q close=%v, want %d %q close=%v", i, a.status, a.body, a.close, w.status, w.body, w.close)
		}
	}
}

func TestReadAnswerRejectsGarbage(t *testing.T) {
	for _, raw := range []string{
		"SSH-2.0-OpenSSH\r\n\r\n",
		"HTTP/1.1 2x0 OK\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n",
		"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
	} {
		if _, err := readAnswer(bufio.NewReader(strings.NewReader(raw)), nil); err == nil {
			t.Errorf("%q read without an error", raw)
		}
	}
}
