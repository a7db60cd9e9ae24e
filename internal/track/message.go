// Package track takes in touchpoint events: the Segment / RudderStack
// tracking protocol, write-key authentication, validation with a reason
// for every rejected event, identity resolution in bulk, and group commit
// of many requests in one transaction, answered only after it commits.
package track

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// Message is one call of the Segment spec, as the SDKs send it. Fields the
// spec defines but Tajrobe does not use (integrations, _metadata …) are
// ignored, so any SDK version's extras are accepted.
type Message struct {
	Type              string         `json:"type"`
	MessageID         string         `json:"messageId"`
	UserID            flexID         `json:"userId"`
	AnonymousID       flexID         `json:"anonymousId"`
	PreviousID        flexID         `json:"previousId"`
	GroupID           flexID         `json:"groupId"`
	Event             string         `json:"event"`
	Name              string         `json:"name"`
	Properties        jsontext.Value `json:"properties"`
	Traits            jsontext.Value `json:"traits"`
	Context           jsontext.Value `json:"context"`
	Timestamp         string         `json:"timestamp"`
	OriginalTimestamp string         `json:"originalTimestamp"`
	SentAt            string         `json:"sentAt"`
	// Tajrobe's own fields; context.tajrobe may carry them too, for SDKs
	// that cannot add top-level fields.
	Touchpoint string         `json:"touchpoint"`
	Signal     jsontext.Value `json:"signal"`
	Channel    string         `json:"channel"`
}

// The message types of the spec.
const (
	TypeTrack    = "track"
	TypeIdentify = "identify"
	TypePage     = "page"
	TypeScreen   = "screen"
	TypeGroup    = "group"
	TypeAlias    = "alias"
)

// validType reports whether t is one of the spec's message types.
func validType(t string) bool {
	switch t {
	case TypeTrack, TypeIdentify, TypePage, TypeScreen, TypeGroup, TypeAlias:
		return true
	}
	return false
}

// flexID is an id the SDKs send as a string or, from some languages, a
// number; both become the same text.
type flexID string

// errFlexID is why an id is refused.
var errFlexID = errors.New("must be a string or a number")

// UnmarshalJSONFrom accepts a string, a number or null.
func (f *flexID) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	tok, err := dec.ReadToken()
	if err != nil {
		return err
	}
	switch tok.Kind() {
	case 'n':
		*f = ""
	case '"':
		*f = flexID(tok.String())
	case '0':
		if _, err := strconv.ParseFloat(tok.String(), 64); err != nil {
			return errFlexID
		}
		*f = flexID(tok.String())
	default:
		return errFlexID
	}
	return nil
}

// String returns the id without surrounding space.
func (f flexID) String() string { return strings.TrimSpace(string(f)) }

// tajrobeFields is the optional context.tajrobe object.
type tajrobeFields struct {
	Touchpoint string          `json:"touchpoint"`
	Signal     json.RawMessage `json:"signal"`
	Channel    string          `json:"channel"`
}

// ownFields fills the message's Tajrobe fields from context.tajrobe where
// the top level left them empty.
func (m *Message) ownFields() {
	if len(m.Context) == 0 || !bytes.Contains(m.Context, []byte(`"tajrobe"`)) {
		return
	}
	var c struct {
		Tajrobe *tajrobeFields `json:"tajrobe"`
	}
	if json.Unmarshal(m.Context, &c) != nil || c.Tajrobe == nil {
		return
	}
	if m.Touchpoint == "" {
		m.Touchpoint = c.Tajrobe.Touchpoint
	}
	if isNull(m.Signal) {
		m.Signal = jsontext.Value(c.Tajrobe.Signal)
	}
	if m.Channel == "" {
		m.Channel = c.Tajrobe.Channel
	}
}

// isNull reports whether a raw JSON value is absent or null.
func isNull(b []byte) bool { return len(b) == 0 || string(b) == "null" }

// isObject reports whether a raw JSON value is an object.
func isObject(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '{'
}
