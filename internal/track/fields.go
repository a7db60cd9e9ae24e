package track

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
)

// specField names, in the spec's words, the field an identity came from.
var specField = map[customer.Kind]string{
	customer.UserID: "userId", customer.AnonymousID: "anonymousId",
	customer.Email: "traits.email", customer.Phone: "traits.phone",
}

// identities collects and normalises the ids the message resolves by.
func (src *Source) identities(m *Message, e *Event) error {
	var ids []customer.Identity
	add := func(k customer.Kind, v string) {
		if v != "" {
			ids = append(ids, customer.Identity{Kind: k, Value: v})
		}
	}
	add(customer.UserID, m.UserID.String())
	add(customer.AnonymousID, m.AnonymousID.String())
	if err := src.typeRules(m, add); err != nil {
		return err
	}
	if len(ids) == 0 {
		return errs.Field("track", "userId", "userId or anonymousId is required")
	}
	norm, err := customer.NormalizeAll(ids, src.Workspace.Region)
	if err != nil {
		field := errs.FieldOf(err)
		if f, ok := specField[customer.Kind(field)]; ok {
			field = f
		}
		return &errs.Error{Kind: errs.Invalid, Field: field, Msg: errs.Message(err)}
	}
	e.Identities = norm
	return nil
}

// typeRules checks what each type needs and adds the identities it carries.
func (src *Source) typeRules(m *Message, add func(customer.Kind, string)) error {
	switch m.Type {
	case TypeAlias:
		if m.UserID.String() == "" || m.PreviousID.String() == "" {
			return errs.Field("track", "previousId", "an alias call needs previousId and userId")
		}
		add(customer.AnonymousID, m.PreviousID.String())
	case TypeGroup:
		if m.GroupID.String() == "" {
			return errs.Field("track", "groupId", "a group call needs a groupId")
		}
	case TypeIdentify:
		return src.identifyTraits(m, add)
	}
	return nil
}

// identifyTraits reads an identify call's traits; email and phone among
// them become identities, as a CX team expects.
func (src *Source) identifyTraits(m *Message, add func(customer.Kind, string)) error {
	if isNull(m.Traits) {
		return nil
	}
	if !isObject(m.Traits) {
		return errs.Field("track", "traits", "traits must be a JSON object")
	}
	var t customer.Traits
	if err := json.Unmarshal(m.Traits, &t); err != nil {
		return errs.Field("track", "traits", "traits must be a JSON object: %v", err)
	}
	if err := customer.ValidateTraits(t); err != nil {
		return err
	}
	for _, k := range []customer.Kind{customer.Email, customer.Phone} {
		var v string
		if raw, ok := t[string(k)]; ok && json.Unmarshal(raw, &v) == nil {
			add(k, v)
		}
	}
	return nil
}

// payload picks what the event stores as its properties and context.
func (src *Source) payload(m *Message, e *Event) error {
	for _, f := range []struct {
		name string
		v    []byte
	}{{"properties", m.Properties}, {"context", m.Context}} {
		if !isNull(f.v) && !isObject(f.v) {
			return errs.Field("track", f.name, "%s must be a JSON object", f.name)
		}
	}
	e.Context = orEmpty(m.Context)
	switch m.Type {
	case TypeIdentify:
		e.Properties = orEmpty(m.Traits)
		if !isNull(m.Traits) {
			json.Unmarshal(m.Traits, &e.Traits) // checked in identifyTraits
		}
	case TypeGroup:
		e.Properties, _ = json.Marshal(map[string]any{"groupId": m.GroupID.String(), "traits": orEmpty(m.Traits)})
	case TypeAlias:
		e.Properties, _ = json.Marshal(map[string]string{"previousId": m.PreviousID.String()})
	default:
		e.Properties = orEmpty(m.Properties)
	}
	return nil
}

func orEmpty(b []byte) json.RawMessage {
	if isNull(b) {
		return json.RawMessage("{}")
	}
	return b
}

// journeyFields sets touchpoint, signal and channel: the event's own, else
// its mapping's, else the touchpoint's channel.
func (src *Source) journeyFields(m *Message, e *Event) error {
	sig, err := parseSignal(m.Signal)
	if err != nil {
		return err
	}
	e.Touchpoint, e.Signal, e.Channel = strings.TrimSpace(m.Touchpoint), sig, strings.TrimSpace(m.Channel)
	if mp, ok := src.mappings[e.Name]; ok && e.Name != "" {
		if e.Touchpoint == "" {
			e.Touchpoint = mp.Touchpoint
		}
		if e.Signal == nil {
			e.Signal = mp.Signal
		}
		if e.Channel == "" {
			e.Channel = mp.Channel
		}
	}
	if e.Touchpoint != "" {
		ch, ok := src.touchpoints[e.Touchpoint]
		if !ok {
			return errs.Field("track", "touchpoint", "touchpoint %q does not exist in this workspace", e.Touchpoint)
		}
		if e.Channel == "" {
			e.Channel = ch
		}
	}
	if e.Channel != "" && !journey.ValidChannel(e.Channel) {
		return errs.Field("track", "channel", "channel %q is not one of %s", e.Channel, strings.Join(journey.Channels, ", "))
	}
	return nil
}

// parseSignal reads a signal: an integer from −2 to +2, or nothing.
func parseSignal(raw []byte) (*int, error) {
	if isNull(raw) {
		return nil, nil
	}
	n, err := strconv.Atoi(string(raw))
	if err != nil || !journey.ValidSignal(n) {
		return nil, errs.Field("track", "signal", "signal must be a whole number from -2 to 2, not %s", raw)
	}
	return &n, nil
}
