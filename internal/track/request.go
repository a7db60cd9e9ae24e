package track

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// ReadBody reads a request body of at most limit bytes once any gzip
// Content-Encoding is undone, so a small compressed body cannot expand
// past the limit. size is the declared Content-Length, or -1: a body read
// into a buffer of its own size is read with one allocation, not a dozen
// doublings.
func ReadBody(body io.Reader, encoding string, limit, size int64) ([]byte, error) {
	const op = "track.ReadBody"
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		if size > limit {
			return nil, errs.E(op, errs.TooLarge, "the body is larger than %d bytes", limit)
		}
		if size >= 0 {
			b := make([]byte, size)
			if _, err := io.ReadFull(body, b); err != nil {
				return nil, errs.E(op, errs.Invalid, "the body ended before its Content-Length: %v", err)
			}
			return b, nil
		}
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, errs.E(op, errs.Invalid, "the body is not valid gzip: %v", err)
		}
		defer zr.Close()
		body = zr
	default:
		return nil, errs.E(op, errs.Invalid, "Content-Encoding %q is not supported; send gzip or nothing", encoding)
	}
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, errs.E(op, errs.Invalid, "the gzip body is damaged: %v", err)
		}
		return nil, errs.Wrap(op, err)
	}
	if int64(len(b)) > limit {
		return nil, errs.E(op, errs.TooLarge, "the body is larger than %d bytes", limit)
	}
	return b, nil
}

// BodyWriteKey returns the writeKey field of a body, which SDKs that cannot
// set a header send instead of HTTP Basic authentication.
func BodyWriteKey(body []byte) string {
	if !bytes.Contains(body, []byte(`"writeKey"`)) {
		return ""
	}
	var v struct {
		WriteKey string `json:"writeKey"`
	}
	json.Unmarshal(body, &v)
	return v.WriteKey
}

// Parse reads the events of one request: a single message when typ names
// the endpoint's type, or a {"batch": […]} body when typ is empty. Events
// that fail validation are returned as rejections, with their index; the
// error is for a body that cannot be read at all.
func (in *Ingester) Parse(src *Source, body []byte, typ string, received time.Time) ([]*Event, []Rejection, error) {
	if typ != "" {
		e, err := src.Prepare(body, Envelope{Type: typ, Received: received}, in.opt.MaxFuture)
		if err != nil {
			return nil, []Rejection{rejection(0, err)}, nil
		}
		return []*Event{e}, nil, nil
	}
	batch, sentAt, err := splitBatch(body)
	if err != nil {
		return nil, nil, errs.Wrap("track.Parse", err)
	}
	if len(batch) == 0 {
		return nil, nil, errs.Field("track.Parse", "batch", "the body needs a batch array with at least one event")
	}
	env := Envelope{SentAt: sentAt, Received: received}
	events := make([]*Event, 0, len(batch))
	var rejected []Rejection
	for i, raw := range batch {
		e, err := src.Prepare(json.RawMessage(raw), env, in.opt.MaxFuture)
		if err != nil {
			rejected = append(rejected, rejection(i, err))
			continue
		}
		events = append(events, e)
	}
	return events, rejected, nil
}

// rejection describes a validation error for the sender.
func rejection(i int, err error) Rejection {
	msg := errs.Message(err)
	if msg == "" {
		msg = err.Error()
	}
	return Rejection{Index: i, Field: errs.FieldOf(err), Reason: msg}
}

// splitBatch reads a batch body in one pass: its sentAt, and each message
// as a slice of body rather than a copy. Names match in any case and a
// repeated one's last value counts, as decodeOptions read messages.
func splitBatch(body []byte) (batch [][]byte, sentAt string, err error) {
	dec := jsontext.NewDecoder(bytes.NewReader(body), jsontext.AllowDuplicateNames(true))
	if tok, err := dec.ReadToken(); err != nil {
		return nil, "", bodyError(err)
	} else if tok.Kind() != '{' {
		return nil, "", errs.E("track", errs.Invalid, "the body must be a JSON object with a batch array")
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadToken()
		if err != nil {
			return nil, "", bodyError(err)
		}
		switch {
		case strings.EqualFold(name.String(), "batch"):
			if batch, err = splitArray(dec, body, batch[:0]); err != nil {
				return nil, "", err
			}
		case strings.EqualFold(name.String(), "sentAt"):
			v, err := dec.ReadToken()
			switch {
			case err != nil:
				return nil, "", bodyError(err)
			case v.Kind() == '"':
				sentAt = v.String()
			case v.Kind() != 'n':
				return nil, "", errs.Field("track", "sentAt", "sentAt must be a string")
			}
		default:
			if err := dec.SkipValue(); err != nil {
				return nil, "", bodyError(err)
			}
		}
	}
	if _, err := dec.ReadToken(); err != nil { // the closing brace
		return nil, "", bodyError(err)
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		return nil, "", errs.E("track", errs.Invalid, "the event is not valid JSON: there is more after the body's object")
	}
	return batch, sentAt, nil
}

// splitArray reads the batch array's messages as slices of body.
func splitArray(dec *jsontext.Decoder, body []byte, batch [][]byte) ([][]byte, error) {
	switch tok, err := dec.ReadToken(); {
	case err != nil:
		return nil, bodyError(err)
	case tok.Kind() == 'n':
		return batch, nil
	case tok.Kind() != '[':
		return nil, errs.Field("track", "batch", "batch must be an array of events")
	}
	for dec.PeekKind() != ']' {
		start := dec.InputOffset()
		if _, err := dec.ReadValue(); err != nil {
			return nil, bodyError(err)
		}
		// Between the previous value and this one lie a comma and space.
		batch = append(batch, bytes.TrimLeft(body[start:dec.InputOffset()], ", \t\r\n"))
	}
	if _, err := dec.ReadToken(); err != nil {
		return nil, bodyError(err)
	}
	return batch, nil
}

// bodyError says what is wrong with a batch body's JSON.
func bodyError(err error) error {
	if err == io.EOF {
		return errs.E("track", errs.Invalid, "the body is empty; send a JSON object with a batch array")
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errs.E("track", errs.Invalid, "the body is not valid JSON: it ends before its JSON does")
	}
	return jsonError(err)
}
