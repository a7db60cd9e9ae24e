package loadtest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/http/httputil"
	"strconv"
)

// answer is what the load generator needs of an HTTP/1.1 response.
type answer struct {
	status int
	body   []byte // valid until the next answer is read
	close  bool   // the server will close the connection
}

// maxAnswer bounds an answer's body: the server answers a few hundred
// bytes, or a problem document.
const maxAnswer = 1 << 20

// readAnswer reads one response from r into buf's storage. It reads only
// what the load generator uses, the status, the body by its length (or
// chunked) and whether the connection closes, and allocates nothing when
// the body fits buf: http.ReadResponse's header map and its copies cost
// a tenth of the generator's CPU, which is CPU the server it measures
// would otherwise have.
func readAnswer(r *bufio.Reader, buf []byte) (answer, error) {
	line, err := r.ReadSlice('\n')
	if err != nil {
		return answer{}, err
	}
	var a answer
	if a.status, err = statusOf(line); err != nil {
		return answer{}, err
	}
	length, chunked := -1, false
	for {
		line, err = r.ReadSlice('\n')
		if err != nil {
			return answer{}, fmt.Errorf("reading the answer's headers: %w", err)
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return answer{}, fmt.Errorf("malformed header line %q", line)
		}
		value = bytes.TrimSpace(value)
		switch {
		case headerIs(name, "Content-Length"):
			if length, err = strconv.Atoi(string(value)); err != nil || length < 0 || length > maxAnswer {
				return answer{}, fmt.Errorf("bad Content-Length %q", value)
			}
		case headerIs(name, "Transfer-Encoding"):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case headerIs(name, "Connection"):
			a.close = bytes.EqualFold(value, []byte("close"))
		}
	}
	switch {
	case chunked:
		a.body, err = io.ReadAll(io.LimitReader(httputil.NewChunkedReader(r), maxAnswer))
		if err == nil {
			err = skipTrailers(r)
		}
	case length >= 0:
		a.body = buf[:0]
		if cap(buf) < length {
			a.body = make([]byte, length)
		}
		a.body = a.body[:length]
		_, err = io.ReadFull(r, a.body)
	default: // no length: the body runs to the end of the connection
		a.close = true
		a.body, err = io.ReadAll(io.LimitReader(r, maxAnswer))
	}
	return a, err
}

// statusOf reads the status code of a status line ("HTTP/1.1 200 OK").
func statusOf(line []byte) (int, error) {
	proto, rest, ok := bytes.Cut(line, []byte(" "))
	if !ok || !bytes.HasPrefix(proto, []byte("HTTP/1.")) || len(rest) < 3 {
		return 0, fmt.Errorf("malformed status line %q", bytes.TrimSpace(line))
	}
	code, err := strconv.Atoi(string(rest[:3]))
	if err != nil || code < 100 {
		return 0, fmt.Errorf("malformed status line %q", bytes.TrimSpace(line))
	}
	return code, nil
}

func headerIs(name []byte, want string) bool {
	return bytes.EqualFold(bytes.TrimSpace(name), []byte(want))
}

// skipTrailers reads the lines after a chunked body up to the empty one.
func skipTrailers(r *bufio.Reader) error {
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(bytes.TrimRight(line, "\r\n")) == 0 {
			return nil
		}
	}
}
