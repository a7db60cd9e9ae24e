package track

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
)

// The SDKs' limits, which Tajrobe keeps so an SDK never meets a surprise.
const (
	MaxEventBytes = 32 << 10  // one event
	MaxBatchBytes = 500 << 10 // one batch request, after gzip is undone
	maxIDBytes    = 256       // messageId, userId, event names
)

// Event is a validated message, ready to store: the journey event plus the
// identities it resolves by and the traits it sets.
type Event struct {
	journey.Event
	Identities []customer.Identity // normalised, strongest first
	Traits     customer.Traits     // identify traits, merged into the profile
	Raw        json.RawMessage     // the message as sent, for the failed-events store
	env        Envelope            // what the request said of it, for a replay
}

// Rejection says why one event of a request was refused. Index counts from
// zero in the request's events (a batch's array, an import's lines).
type Rejection struct {
	Index  int    `json:"index"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

// Envelope is what a request says about all its events.
type Envelope struct {
	Type     string    // the endpoint's type; empty for batches, where each message names its own
	SentAt   string    // the batch's sentAt, for messages without one
	Received time.Time // when the request arrived
	// MessageID names a message that carries none; empty means a random id.
	MessageID string
}

// Prepare validates one raw message of src's workspace and fills in
// Tajrobe's fields from the workspace's mappings.
func (src *Source) Prepare(raw json.RawMessage, env Envelope, maxFuture time.Duration) (*Event, error) {
	if len(raw) > MaxEventBytes {
		return nil, &errs.Error{Kind: errs.TooLarge, Msg: fmt.Sprintf("the event is %d bytes; the limit is %d", len(raw), MaxEventBytes)}
	}
	var m Message
	if err := unmarshalMessage(raw, &m); err != nil {
		return nil, jsonError(err)
	}
	if env.Type != "" {
		m.Type = env.Type
	}
	if m.SentAt == "" {
		m.SentAt = env.SentAt
	}
	if m.MessageID == "" {
		m.MessageID = env.MessageID
	}
	m.ownFields()
	e := &Event{Raw: raw, env: Envelope{Type: m.Type, SentAt: m.SentAt, Received: env.Received}}
	e.WorkspaceID, e.ReceivedAt = src.Workspace.ID, env.Received
	steps := []func(*Message, *Event) error{src.basics, src.identities, src.payload, src.journeyFields}
	for _, step := range steps {
		if err := step(&m, e); err != nil {
			return nil, err
		}
	}
	at, err := occurredAt(m, env.Received, maxFuture)
	if err != nil {
		return nil, err
	}
	e.OccurredAt = at
	return e, nil
}

// decodeOptions read messages as the SDKs send them, as leniently as the
// spec's other servers do: names in any case, a repeated name's last value.
var decodeOptions = jsonv2.JoinOptions(jsonv2.MatchCaseInsensitiveNames(true), jsontext.AllowDuplicateNames(true))

// jsonError names the field a type mismatch is in.
func jsonError(err error) error {
	var sem *jsonv2.SemanticError
	var syn *jsontext.SyntacticError
	switch {
	case errors.As(err, &syn):
		return errs.E("track", errs.Invalid, "the event is not valid JSON (at byte %d): %v", syn.ByteOffset, syn.Err)
	case errors.As(err, &sem) && sem.JSONPointer != "":
		field := strings.ReplaceAll(strings.TrimPrefix(string(sem.JSONPointer), "/"), "/", ".")
		return errs.Field("track", field, "%s %s", field, semanticReason(sem))
	}
	return errs.E("track", errs.Invalid, "the event must be a JSON object")
}

// semanticReason says what was wrong with a value of the right syntax.
func semanticReason(sem *jsonv2.SemanticError) string {
	switch {
	case errors.Is(sem.Err, errFlexID):
		return errFlexID.Error()
	case sem.GoType != nil && sem.JSONKind != 0:
		return fmt.Sprintf("must be %s, not %s", sem.GoType, sem.JSONKind)
	}
	return "has the wrong type"
}

// basics checks the type, the message id and the name.
func (src *Source) basics(m *Message, e *Event) error {
	if !validType(m.Type) {
		return errs.Field("track", "type", "type must be track, identify, page, screen, group or alias, not %q", m.Type)
	}
	if m.MessageID == "" {
		m.MessageID = newMessageID()
	}
	if len(m.MessageID) > maxIDBytes {
		return errs.Field("track", "messageId", "messageId is longer than %d bytes", maxIDBytes)
	}
	e.Type, e.MessageID = m.Type, m.MessageID
	switch m.Type {
	case TypeTrack:
		if m.Event == "" {
			return errs.Field("track", "event", "a track call needs an event name")
		}
		e.Name = m.Event
	case TypePage, TypeScreen:
		e.Name = m.Name
	}
	if len(e.Name) > maxIDBytes {
		return errs.Field("track", "event", "the event name is longer than %d bytes", maxIDBytes)
	}
	return nil
}

// newMessageID names a message the sender left unnamed, as Segment does.
func newMessageID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return "tj-" + hex.EncodeToString(b)
}

// unmarshalMessage reads one message with decodeOptions.
func unmarshalMessage(raw []byte, m *Message) error { return jsonv2.Unmarshal(raw, m, decodeOptions) }
