package track

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
)

// The inbox keeps validated events in a compact binary form of our own:
// writing it costs a fraction of a microsecond an event, and reading it
// back needs no JSON parse. Properties and context are almost always a
// slice of the raw message, so they are kept as an offset into it.

// codecVersion is the first byte of every payload; a payload written by a
// later version is refused, not misread.
const codecVersion = 1

var errPayload = errors.New("track: the inbox payload is damaged or from a newer version")

// encodeEvents appends events of one workspace to b, growing it once.
func encodeEvents(b []byte, events []*Event) []byte {
	need := 1 + binary.MaxVarintLen64
	for _, e := range events {
		need += encodedSize(e)
	}
	b = slices.Grow(b, need)
	b = append(b, codecVersion)
	b = binary.AppendUvarint(b, uint64(len(events)))
	for _, e := range events {
		b = encodeEvent(b, e)
	}
	return b
}

func encodeEvent(b []byte, e *Event) []byte {
	for _, s := range []string{e.MessageID, e.Type, e.Name, e.Touchpoint, e.Channel, e.env.Type, e.env.SentAt} {
		b = appendString(b, s)
	}
	if e.Signal == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = binary.AppendVarint(b, int64(*e.Signal))
	}
	b = binary.AppendVarint(b, e.OccurredAt.UnixNano())
	b = binary.AppendVarint(b, e.ReceivedAt.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(e.Identities)))
	for _, id := range e.Identities {
		b = appendString(b, string(id.Kind))
		b = appendString(b, id.Value)
	}
	b = binary.AppendUvarint(b, uint64(len(e.Traits)))
	for k, v := range e.Traits {
		b = appendString(b, k)
		b = appendBytes(b, v)
	}
	b = appendBytes(b, e.Raw)
	b = appendPart(b, e.Raw, e.Properties)
	return appendPart(b, e.Raw, e.Context)
}

// encodedSize is about what encodeEvent writes for e: exact but for
// varints, and for properties or context that are not slices of the raw
// message, which append then makes room for.
func encodedSize(e *Event) int {
	const length, number = 3, binary.MaxVarintLen64 // a length under 2 MB; a time
	n := 8*length + 1 + 3*number + 2*(1+2*length) + len(e.MessageID) + len(e.Type) + len(e.Name) +
		len(e.Touchpoint) + len(e.Channel) + len(e.env.Type) + len(e.env.SentAt) + len(e.Raw)
	for _, id := range e.Identities {
		n += 2*length + len(id.Kind) + len(id.Value)
	}
	for k, v := range e.Traits {
		n += 2*length + len(k) + len(v)
	}
	return n
}

// appendPart writes part as an offset into raw when it is a slice of it
// (the usual case), else in full.
func appendPart(b, raw, part []byte) []byte {
	if i := bytes.Index(raw, part); i >= 0 && len(part) > 0 {
		b = append(b, 1)
		b = binary.AppendUvarint(b, uint64(i))
		return binary.AppendUvarint(b, uint64(len(part)))
	}
	b = append(b, 0)
	return appendBytes(b, part)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBytes(b, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// decodeEvents reads what encodeEvents wrote, for workspace ws.
func decodeEvents(p []byte, ws int64) ([]*Event, error) {
	d := &decoder{p: p}
	if d.byte() != codecVersion {
		return nil, errPayload
	}
	n := d.uvarint()
	if d.err != nil || n > uint64(len(p)) {
		return nil, errPayload
	}
	events := make([]*Event, 0, n)
	for range n {
		e := d.event()
		if d.err != nil {
			return nil, d.err
		}
		e.WorkspaceID = ws
		events = append(events, e)
	}
	if len(d.p) != 0 {
		return nil, errPayload
	}
	return events, nil
}

// decoder reads a payload; the first error sticks and later reads return
// zero values.
type decoder struct {
	p   []byte
	err error
}

func (d *decoder) event() *Event {
	e := &Event{}
	for _, s := range []*string{&e.MessageID, &e.Type, &e.Name, &e.Touchpoint, &e.Channel, &e.env.Type, &e.env.SentAt} {
		*s = d.string()
	}
	if d.byte() == 1 {
		s := int(d.varint())
		e.Signal = &s
	}
	e.OccurredAt = time.Unix(0, d.varint())
	e.ReceivedAt = time.Unix(0, d.varint())
	e.env.Received = e.ReceivedAt
	if n := d.count(); n > 0 {
		e.Identities = make([]customer.Identity, n)
		for i := range e.Identities {
			e.Identities[i] = customer.Identity{Kind: customer.Kind(d.string()), Value: d.string()}
		}
	}
	if n := d.count(); n > 0 {
		e.Traits = make(customer.Traits, n)
		for range n {
			k := d.string()
			e.Traits[k] = json.RawMessage(d.bytes())
		}
	}
	e.Raw = json.RawMessage(d.bytes())
	e.Properties = d.part(e.Raw)
	e.Context = d.part(e.Raw)
	return e
}

func (d *decoder) part(raw []byte) json.RawMessage {
	if d.byte() == 0 {
		return json.RawMessage(d.bytes())
	}
	off, n := d.uvarint(), d.uvarint()
	if d.err != nil || off > uint64(len(raw)) || n > uint64(len(raw))-off {
		d.fail()
		return nil
	}
	return json.RawMessage(raw[off : off+n : off+n])
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errPayload
	}
	d.p = nil
}

func (d *decoder) byte() byte {
	if len(d.p) == 0 {
		d.fail()
		return 0
	}
	c := d.p[0]
	d.p = d.p[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.p)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.p = d.p[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.p)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.p = d.p[n:]
	return v
}

// count reads a length that must fit in what is left.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.p)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) bytes() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	v := d.p[:n:n]
	d.p = d.p[n:]
	return v
}

func (d *decoder) string() string { return string(d.bytes()) }
