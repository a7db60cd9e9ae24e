package track

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// ReadBody reads a request body of at most limit bytes once any gzip
// Content-Encoding is undone, so a small compressed body cannot expand
// past the limit.
func ReadBody(body io.Reader, encoding string, limit int64) ([]byte, error) {
	const op = "track.ReadBody"
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
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
	var b struct {
		Batch  []jsontext.Value `json:"batch"`
		SentAt string           `json:"sentAt"`
	}
	if err := jsonv2.Unmarshal(body, &b, decodeOptions); err != nil {
		return nil, nil, errs.Wrap("track.Parse", jsonError(err))
	}
	if len(b.Batch) == 0 {
		return nil, nil, errs.Field("track.Parse", "batch", "the body needs a batch array with at least one event")
	}
	env := Envelope{SentAt: b.SentAt, Received: received}
	events := make([]*Event, 0, len(b.Batch))
	var rejected []Rejection
	for i, raw := range b.Batch {
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
