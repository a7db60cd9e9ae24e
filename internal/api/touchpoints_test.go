package api

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestTouchpointCRUD(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		list := f.call("GET", "/api/v1/touchpoints", key, nil, 200)
		if n := len(list["data"].([]any)); n != len(journey.DefaultRetail) {
			t.Fatalf("a new workspace has %d touchpoints, want the %d of the default journey", n, len(journey.DefaultRetail))
		}
		tp := map[string]any{"key": "instagram_dm", "name_fa": "دایرکت اینستاگرام", "stage": "support", "channel": "messaging",
			"target_metric": "csat", "target_score": 4.5}
		got := f.call("POST", "/api/v1/touchpoints", key, tp, 201)
		if got["phase"] != "post_purchase" || got["name_en"] != "دایرکت اینستاگرام" {
			t.Fatalf("created: %v", got)
		}
		f.call("POST", "/api/v1/touchpoints", key, tp, 409)
		f.call("POST", "/api/v1/touchpoints", key, map[string]any{"key": "x", "name_en": "X", "stage": "dreaming", "channel": "store"}, 400)
		f.call("POST", "/api/v1/touchpoints", key, map[string]any{"key": "Bad Key", "name_en": "X", "stage": "use", "channel": "store"}, 400)
		f.call("POST", "/api/v1/touchpoints", key, map[string]any{"key": "y", "name_en": "Y", "stage": "use", "channel": "store", "target_score": 9}, 400)
		got = f.call("PATCH", "/api/v1/touchpoints/instagram_dm", key, map[string]any{"key": "renamed", "target_score": 4.8}, 200)
		if got["key"] != "instagram_dm" || got["target_score"] != 4.8 || got["channel"] != "messaging" {
			t.Fatalf("patched: %v", got)
		}
		f.call("GET", "/api/v1/touchpoints/instagram_dm", f.b.SecretKey, nil, 404)
		f.call("DELETE", "/api/v1/touchpoints/instagram_dm", f.b.SecretKey, nil, 404)
		f.call("DELETE", "/api/v1/touchpoints/instagram_dm", key, nil, 204)
		f.call("GET", "/api/v1/touchpoints/instagram_dm", key, nil, 404)

		c := f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "user_id", "value": "u"}}}, 201)
		err := db.InTx(context.Background(), func(tx *store.Tx) error {
			_, err := journey.InsertEvent(context.Background(), tx, &journey.Event{WorkspaceID: f.a.WorkspaceID,
				CustomerID: int64(c["id"].(float64)), MessageID: "m1", Type: "track", Touchpoint: "delivery",
				OccurredAt: time.Now(), ReceivedAt: time.Now()})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		f.call("DELETE", "/api/v1/touchpoints/delivery", key, nil, 409)
	})
}
