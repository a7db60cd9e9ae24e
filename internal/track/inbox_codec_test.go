package track

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
)

func codecSample() []*Event {
	raw := json.RawMessage(`{"type":"identify","userId":"u-1","traits":{"name":"سارا"},"properties":{"total":120000},"context":{"ip":"1.2.3.4"}}`)
	sig := -2
	full := &Event{Raw: raw, Identities: []customer.Identity{{Kind: "user_id", Value: "u-1"}, {Kind: "phone", Value: "+989121234567"}},
		Traits: customer.Traits{"name": json.RawMessage(`"سارا"`), "has_kids": json.RawMessage(`true`)},
		env:    Envelope{Type: "identify", SentAt: "2026-11-22T10:00:00Z"}}
	full.MessageID, full.Type, full.Name, full.Touchpoint, full.Channel = "m-1", "identify", "", "delivery", "sms"
	full.Signal = &sig
	full.Properties = raw[76:92]                       // {"total":120000}, a slice of the raw message
	full.Context = json.RawMessage(`{"ip":"9.9.9.9"}`) // not in the raw message
	full.OccurredAt = time.Unix(0, 1_790_000_000_123_456_789)
	full.ReceivedAt = time.Unix(0, 1_790_000_001_000_000_000)
	bare := &Event{Raw: json.RawMessage(`{"type":"track","event":"Visit","anonymousId":"a"}`)}
	bare.MessageID, bare.Type, bare.Name = "tj-0001", "track", "Visit"
	bare.Properties, bare.Context = json.RawMessage(`{}`), json.RawMessage(`{}`)
	bare.OccurredAt, bare.ReceivedAt = time.Unix(0, 0), time.Unix(0, 1)
	for _, e := range []*Event{full, bare} {
		e.WorkspaceID = 7
		e.env.Received = e.ReceivedAt
	}
	return []*Event{full, bare}
}

func TestInboxCodecRoundTrip(t *testing.T) {
	want := codecSample()
	if string(want[0].Properties) != `{"total":120000}` {
		t.Fatalf("sample properties = %s", want[0].Properties)
	}
	got, err := decodeEvents(encodeEvents(nil, want), 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d events back, want %d", len(got), len(want))
	}
	for i := range want {
		w, g := *want[i], *got[i]
		if !w.OccurredAt.Equal(g.OccurredAt) || !w.ReceivedAt.Equal(g.ReceivedAt) || !w.env.Received.Equal(g.env.Received) {
			t.Errorf("event %d times = %v %v, want %v %v", i, g.OccurredAt, g.ReceivedAt, w.OccurredAt, w.ReceivedAt)
		}
		w.OccurredAt, w.ReceivedAt, w.env.Received = time.Time{}, time.Time{}, time.Time{}
		g.OccurredAt, g.ReceivedAt, g.env.Received = time.Time{}, time.Time{}, time.Time{}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// TestInboxCodecRefusesDamage cuts and flips a payload everywhere: every
// damaged payload is refused or read as some events, never a panic.
func TestInboxCodecRefusesDamage(t *testing.T) {
	p := encodeEvents(nil, codecSample())
	for n := range len(p) {
		if _, err := decodeEvents(p[:n], 7); err == nil {
			t.Errorf("a payload cut at %d of %d bytes was accepted", n, len(p))
		}
	}
	for i := range p {
		q := append([]byte(nil), p...)
		q[i] ^= 0xff
		decodeEvents(q, 7)
	}
	if _, err := decodeEvents(append([]byte{codecVersion + 1}, p[1:]...), 7); err == nil {
		t.Error("a payload of a newer version was accepted")
	}
	if _, err := decodeEvents(append(p, 0), 7); err == nil {
		t.Error("a payload with trailing bytes was accepted")
	}
}

func TestInboxRowsSplitByWorkspaceAndSize(t *testing.T) {
	var events []*Event
	for i := range 2*inboxRowEvents + 3 {
		e := &Event{}
		e.WorkspaceID = int64(1 + i%2)
		events = append(events, e)
	}
	rows := inboxRows(events)
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4 (two per workspace)", len(rows))
	}
	total := 0
	for _, r := range rows {
		if len(r.events) > inboxRowEvents {
			t.Errorf("a row holds %d events", len(r.events))
		}
		for _, e := range r.events {
			if e.WorkspaceID != r.ws {
				t.Errorf("workspace %d event in a row of %d", e.WorkspaceID, r.ws)
			}
		}
		total += len(r.events)
	}
	if total != len(events) {
		t.Errorf("%d events in rows, want %d", total, len(events))
	}
}
