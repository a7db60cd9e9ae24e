package track_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track"
)

func msg(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

func TestSingleEndpoints(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		props := map[string]any{"note": "سلام\u200cدنیا 👟", "total": 1250000}
		cases := []struct {
			path string
			body map[string]any
		}{
			{"/v1/track", msg("messageId", "m-track", "anonymousId", "anon-1", "event", "Product Viewed", "properties", props)},
			{"/v1/page", msg("messageId", "m-page", "anonymousId", "anon-1", "name", "Home")},
			{"/v1/screen", msg("messageId", "m-screen", "anonymousId", "anon-1", "name", "Cart")},
			{"/v1/group", msg("messageId", "m-group", "anonymousId", "anon-1", "groupId", "acme", "traits", map[string]any{"plan": "gold"})},
			{"/v1/identify", msg("messageId", "m-identify", "anonymousId", "anon-1", "userId", "u-1",
				"traits", map[string]any{"name": "مریم", "email": "Maryam@Example.com", "phone": "۰۹۱۲۱۲۳۴۵۶۷"})},
			{"/v1/alias", msg("messageId", "m-alias", "previousId", "anon-2", "userId", "u-1")},
		}
		for _, c := range cases {
			if st, body := f.send(c.path, c.body); st != 200 || body["success"] != true {
				t.Fatalf("%s = %d %v", c.path, st, body)
			}
		}
		cust := f.lookup(customer.UserID, "u-1")
		for _, id := range []struct {
			kind customer.Kind
			v    string
		}{{customer.AnonymousID, "anon-1"}, {customer.AnonymousID, "anon-2"}, {customer.Email, "maryam@example.com"}, {customer.Phone, "09121234567"}} {
			if got := f.lookup(id.kind, id.v); got.ID != cust.ID {
				t.Errorf("%s %s is on customer %d, want %d", id.kind, id.v, got.ID, cust.ID)
			}
		}
		if string(cust.Traits["name"]) != `"مریم"` {
			t.Errorf("traits = %v, want the identify's name", cust.Traits)
		}
		if n := f.count(`SELECT COUNT(*) FROM events WHERE customer_id = ?`, cust.ID); n != 6 {
			t.Errorf("customer has %d events, want 6", n)
		}
		var p map[string]any
		json.Unmarshal([]byte(f.event("m-track").Properties), &p)
		if p["note"] != "سلام\u200cدنیا 👟" {
			t.Errorf("properties.note = %q; Persian, ZWNJ and emoji must round-trip", p["note"])
		}
		st, tl := f.secret("GET", "/api/v1/customers/"+itoa(cust.ID)+"/timeline", nil)
		if data, _ := tl["data"].([]any); st != 200 || len(data) < 6 {
			t.Errorf("timeline = %d with %d entries, want the 6 events: %v", st, len(data), tl)
		}
	})
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestBatchIsIdempotentAndReportsEachRejection(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		future := time.Now().Add(48 * time.Hour).UTC().Format(time.RFC3339)
		batch := map[string]any{"batch": []any{
			msg("type", "track", "messageId", "b-1", "userId", "u-9", "event", "Order Completed"),
			msg("type", "track", "messageId", "b-2", "event", "No One"),
			msg("type", "track", "messageId", "b-3", "userId", "u-9", "event", "X", "touchpoint", "nowhere"),
			msg("type", "track", "messageId", "b-4", "userId", "u-9", "event", "X", "timestamp", future),
			"not an object",
			msg("type", "track", "messageId", "b-6", "userId", "u-9", "event", "Y", "properties", map[string]any{"big": strings.Repeat("x", 33<<10)}),
			msg("type", "track", "messageId", "b-7", "userId", "u-9", "event", "X", "signal", 5),
			msg("type", "bogus", "messageId", "b-8", "userId", "u-9"),
			msg("type", "page", "messageId", "b-9", "anonymousId", 42, "name", "Home"),
			msg("type", "track", "messageId", "b-10", "userId", "u-9", "event", 5),
			msg("type", "track", "messageId", "b-11", "userId", map[string]any{"id": 1}, "event", "X"),
		}}
		for range 2 { // the retry stores nothing twice
			st, body := f.send("/v1/batch", batch)
			if st != 400 {
				t.Fatalf("batch = %d %v, want 400 listing the rejects", st, body)
			}
			want := map[float64]string{1: "userId", 2: "touchpoint", 3: "timestamp", 4: "", 5: "", 6: "signal", 7: "type",
				9: "event", 10: "userId"}
			got := errorsOf(body)
			if len(got) != len(want) {
				t.Fatalf("errors = %v, want %d of them", got, len(want))
			}
			for _, e := range got {
				if field, ok := want[e["index"].(float64)]; !ok || (field != "" && e["field"] != field) {
					t.Errorf("unexpected rejection %v", e)
				}
			}
		}
		if n := f.count(`SELECT COUNT(*) FROM events`); n != 2 {
			t.Errorf("%d events stored, want the 2 valid ones once", n)
		}
		if f.event("b-9").Type != "page" {
			t.Errorf("a numeric anonymousId must be accepted")
		}
	})
}

func TestGzipLimitsAndKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		raw, _ := json.Marshal(map[string]any{"batch": []any{msg("type", "track", "messageId", "g-1", "userId", "u", "event", "Zipped")}})
		var zb bytes.Buffer
		zw := gzip.NewWriter(&zb)
		zw.Write(raw)
		zw.Close()
		if st, body := f.send("/v1/batch", zb.Bytes(), "Content-Encoding", "gzip"); st != 200 {
			t.Fatalf("gzip batch = %d %v", st, body)
		}
		f.event("g-1")
		big := map[string]any{"batch": []any{}}
		for i := range 40 {
			big["batch"] = append(big["batch"].([]any), msg("type", "track", "messageId", itoa(int64(i)), "userId", "u", "event", "E",
				"properties", map[string]any{"pad": strings.Repeat("x", 15<<10)}))
		}
		if st, _ := f.send("/v1/batch", big); st != 413 {
			t.Errorf("a 600 KB batch = %d, want 413", st)
		}
		if st, _ := f.send("/v1/batch", []byte(`{"batch": [`)); st != 400 {
			t.Errorf("malformed JSON = %d, want 400", st)
		}
		if st, _ := f.send("/v1/track", msg("userId", "u", "event", "E"), "Authorization", "Basic "+"d3Jvbmc6"); st != 401 {
			t.Errorf("a wrong key = %d, want 401", st)
		}
		body, _ := json.Marshal(map[string]any{"writeKey": f.ws.WriteKey, "batch": []any{msg("type", "track", "messageId", "k-1", "userId", "u", "event", "E")}})
		req := mustReq(t, f.srv.URL+"/v1/batch", body)
		if st, _ := f.do(req); st != 200 {
			t.Errorf("writeKey in the body = %d, want 200", st)
		}
	})
}

func TestClockSkewAndOwnFields(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2025, 3, 21, 9, 30, 0, 0, time.UTC)
		db.SetClock(func() time.Time { return now }) // before the server starts reading it
		f := newFixture(t, db, track.Options{})
		// The device's clock is a day fast; the event happened 5 s before it was sent.
		dev := now.Add(24 * time.Hour)
		f.send("/v1/track", msg("messageId", "skew", "userId", "u", "event", "Delivery Late",
			"timestamp", dev.Add(-5*time.Second).Format(time.RFC3339Nano), "sentAt", dev.Format(time.RFC3339Nano)))
		if got := store.Time(f.event("skew").OccurredAt); !got.Equal(now.Add(-5 * time.Second)) {
			t.Errorf("corrected time = %v, want %v", got, now.Add(-5*time.Second))
		}
		st, _ := f.secret("POST", "/api/v1/event-mappings", map[string]any{"event": "Delivery Late", "touchpoint": "delivery", "signal": -2})
		if st != 201 {
			t.Fatalf("create mapping = %d", st)
		}
		f.send("/v1/track", msg("messageId", "mapped", "userId", "u", "event", "Delivery Late"))
		f.send("/v1/track", msg("messageId", "own", "userId", "u", "event", "Delivery Late", "touchpoint", "support", "signal", 1, "channel", "messaging"))
		f.send("/v1/track", msg("messageId", "ctx", "userId", "u", "event", "Chat", "context", map[string]any{"tajrobe": map[string]any{"touchpoint": "support", "signal": 2}}))
		for _, c := range []struct {
			id, tp, ch string
			sig        int
		}{{"mapped", "delivery", "courier", -2}, {"own", "support", "messaging", 1}, {"ctx", "support", "call_center", 2}} {
			e := f.event(c.id)
			if e.Touchpoint != c.tp || e.Channel != c.ch || e.Signal == nil || *e.Signal != c.sig {
				t.Errorf("%s: touchpoint %q channel %q signal %v, want %s %s %d", c.id, e.Touchpoint, e.Channel, e.Signal, c.tp, c.ch, c.sig)
			}
		}
	})
}

func TestRateLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{RateLimit: 5})
		batch := map[string]any{"batch": []any{}}
		for i := range 5 {
			batch["batch"] = append(batch["batch"].([]any), msg("type", "track", "messageId", "r"+itoa(int64(i)), "userId", "u", "event", "E"))
		}
		if st, _ := f.send("/v1/batch", batch); st != 200 {
			t.Fatalf("first batch = %d", st)
		}
		st, body := f.send("/v1/track", msg("userId", "u", "event", "E"))
		if st != 429 || body["_headers"].(http.Header).Get("Retry-After") == "" {
			t.Fatalf("over the limit = %d %v, want 429 with Retry-After", st, body)
		}
	})
}
