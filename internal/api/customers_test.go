package api

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestCustomerLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		name := "سارا\u200cبانو احمدی 👟"
		c := f.call("POST", "/api/v1/customers", key, map[string]any{
			"traits":     map[string]any{"name": name, "has_kids": true},
			"identities": []map[string]string{{"kind": "phone", "value": "۰۹۱۲ ۱۲۳ ۴۵۶۷"}, {"kind": "email", "value": "Sara@Example.com"}},
			"consent":    []map[string]any{{"channel": "sms", "granted": true, "source": "store"}},
		}, 201)
		id := idOf(c)
		if c["traits"].(map[string]any)["name"] != name {
			t.Fatalf("Persian text with ZWNJ and emoji must round-trip: %v", c["traits"])
		}
		for _, phone := range []string{"09121234567", "+989121234567", "00989121234567", "0912-123-4567", "٠٩١٢١٢٣٤٥٦٧"} {
			got := f.call("GET", "/api/v1/customers/lookup?phone="+url.QueryEscape(phone), key, nil, 200)
			if idOf(got) != id {
				t.Fatalf("lookup by %q found %v", phone, idOf(got))
			}
		}
		f.call("GET", "/api/v1/customers/lookup?email=SARA@example.COM", key, nil, 200)
		f.call("GET", "/api/v1/customers/lookup?email=nobody@example.com", key, nil, 404)
		f.call("GET", "/api/v1/customers/lookup", key, nil, 400)

		got := f.call("PATCH", "/api/v1/customers/"+id, key, map[string]any{
			"traits":  map[string]any{"has_kids": nil, "city": "شیراز"},
			"consent": []map[string]any{{"channel": "sms", "granted": false, "source": "sms-reply"}},
		}, 200)
		traits := got["traits"].(map[string]any)
		if _, ok := traits["has_kids"]; ok || traits["city"] != "شیراز" || traits["name"] != name {
			t.Fatalf("patch: %v", traits)
		}
		if consent := got["consent"].([]any)[0].(map[string]any); consent["granted"] != false {
			t.Fatalf("consent after withdrawal: %v", consent)
		}
		f.call("GET", "/api/v1/customers/"+id, key, nil, 200)
	})
}

func TestCustomerBadInputChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "phone", "value": "09121234567"}}}, 201)
		cases := []struct {
			name  string
			body  any
			want  int
			field string
		}{
			{"bad phone", map[string]any{"identities": []map[string]string{{"kind": "phone", "value": "12ab"}}}, 400, "phone"},
			{"bad e-mail", map[string]any{"identities": []map[string]string{{"kind": "email", "value": "sara@"}}}, 400, "email"},
			{"unknown kind", map[string]any{"identities": []map[string]string{{"kind": "passport", "value": "x"}}}, 400, "kind"},
			{"known phone", map[string]any{"identities": []map[string]string{{"kind": "phone", "value": "+989121234567"}}}, 409, "identities"},
			{"malformed JSON", `{"traits": {`, 400, ""},
			{"unknown field", `{"trait": {}}`, 400, ""},
			{"wrong type", `{"identities": "09121234567"}`, 400, "identities"},
			{"too large", `{"traits": {"x": "` + strings.Repeat("ا", 40<<10) + `"}}`, 413, ""},
		}
		for _, c := range cases {
			p := f.call("POST", "/api/v1/customers", key, c.body, c.want)
			if p["field"] != nil && p["field"] != c.field || c.field != "" && p["field"] != c.field {
				t.Errorf("%s: field = %v, want %q (%v)", c.name, p["field"], c.field, p["detail"])
			}
			if p["detail"] == "" {
				t.Errorf("%s: a problem needs a detail a person can act on", c.name)
			}
		}
		var n int
		db.QueryRow(context.Background(), "SELECT COUNT(*) FROM customers").Scan(&n)
		if n != 1 {
			t.Fatalf("bad requests created customers: %d", n)
		}
	})
}

func TestWorkspacesAreIsolatedOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.call("POST", "/api/v1/customers", f.a.SecretKey, map[string]any{
			"identities": []map[string]string{{"kind": "email", "value": "shared@example.com"}}}, 201)
		id := idOf(c)
		f.call("GET", "/api/v1/customers/"+id, f.b.SecretKey, nil, 404)
		f.call("PATCH", "/api/v1/customers/"+id, f.b.SecretKey, map[string]any{"traits": map[string]any{"x": 1}}, 404)
		f.call("GET", "/api/v1/customers/"+id+"/timeline", f.b.SecretKey, nil, 404)
		f.call("GET", "/api/v1/customers/lookup?email=shared@example.com", f.b.SecretKey, nil, 404)
		other := f.call("POST", "/api/v1/customers", f.b.SecretKey, map[string]any{
			"identities": []map[string]string{{"kind": "email", "value": "shared@example.com"}}}, 201)
		f.call("POST", "/api/v1/customers/"+idOf(other)+"/merge", f.b.SecretKey, map[string]any{"from": c["id"]}, 404)
	})
}

func TestTimelinePagesNewestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.call("POST", "/api/v1/customers", f.a.SecretKey, map[string]any{
			"identities": []map[string]string{{"kind": "user_id", "value": "u1"}},
			"consent":    []map[string]any{{"channel": "email", "granted": true}}}, 201)
		cid := int64(c["id"].(float64))
		base := time.Date(2026, 3, 21, 10, 0, 0, 0, time.UTC)
		err := db.InTx(context.Background(), func(tx *store.Tx) error {
			for i := 0; i < 7; i++ {
				sig := i%5 - 2
				_, err := journey.InsertEvent(context.Background(), tx, &journey.Event{WorkspaceID: f.a.WorkspaceID, CustomerID: cid,
					MessageID: "m" + string(rune('a'+i)), Type: "track", Name: "Order Delivered", Touchpoint: "delivery",
					Signal: &sig, OccurredAt: base.Add(time.Duration(i%4) * time.Hour), ReceivedAt: base})
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		var last time.Time
		path := "/api/v1/customers/" + idOf(c) + "/timeline?limit=3"
		for pages := 0; path != "" && pages < 10; pages++ {
			pg := f.call("GET", path, f.a.SecretKey, nil, 200)
			for _, e := range pg["data"].([]any) {
				m := e.(map[string]any)
				at, _ := time.Parse(time.RFC3339, m["at"].(string))
				if !last.IsZero() && at.After(last) {
					t.Fatalf("timeline is not newest first: %v after %v", at, last)
				}
				last = at
				seen = append(seen, m["kind"].(string)+jsonNumber(m["id"]))
			}
			path = ""
			if next, ok := pg["next_cursor"].(string); ok {
				path = "/api/v1/customers/" + idOf(c) + "/timeline?limit=3&cursor=" + next
			}
		}
		uniq := map[string]bool{}
		for _, s := range seen {
			uniq[s] = true
		}
		if len(seen) != 8 || len(uniq) != 8 {
			t.Fatalf("pages gave %d entries (%d distinct), want 7 events and 1 consent: %v", len(seen), len(uniq), seen)
		}
		f.call("GET", "/api/v1/customers/"+idOf(c)+"/timeline?cursor=garbage", f.a.SecretKey, nil, 400)
		f.call("GET", "/api/v1/customers/"+idOf(c)+"/timeline?limit=0", f.a.SecretKey, nil, 400)
	})
}

func TestMergeAndUndoOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		into := f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "email", "value": "reza@example.com"}}}, 201)
		from := f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "phone", "value": "09351112233"}}}, 201)
		f.call("POST", "/api/v1/customers/"+idOf(into)+"/merge", key, map[string]any{"from": into["id"]}, 400)
		m := f.call("POST", "/api/v1/customers/"+idOf(into)+"/merge", key, map[string]any{"from": from["id"]}, 200)
		if got := f.call("GET", "/api/v1/customers/lookup?phone=09351112233", key, nil, 200); idOf(got) != idOf(into) {
			t.Fatalf("after merge the phone finds %v", idOf(got))
		}
		f.call("POST", "/api/v1/customers/"+idOf(into)+"/merge", key, map[string]any{"from": from["id"]}, 409)
		f.call("POST", "/api/v1/merges/"+idOf(m)+"/undo", key, nil, 204)
		f.call("POST", "/api/v1/merges/"+idOf(m)+"/undo", key, nil, 409)
		if got := f.call("GET", "/api/v1/customers/lookup?phone=09351112233", key, nil, 200); idOf(got) != idOf(from) {
			t.Fatalf("after undo the phone finds %v", idOf(got))
		}
	})
}
