package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestAnalyticsEndpoints(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		c := f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "user_id", "value": "u1"}}}, 201)
		now := time.Now()
		err := db.InTx(context.Background(), func(tx *store.Tx) error {
			for i := 0; i < 40; i++ {
				sig := i%5 - 2
				if _, err := journey.InsertEvent(context.Background(), tx, &journey.Event{WorkspaceID: f.a.WorkspaceID,
					CustomerID: int64(c["id"].(float64)), MessageID: fmt.Sprint("m", i), Type: "track", Touchpoint: "delivery",
					Channel: "courier", Signal: &sig, OccurredAt: now.Add(-time.Duration(i) * time.Hour), ReceivedAt: now}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		sum := f.call("GET", "/api/v1/analytics/summary", key, nil, 200)
		if sum["events"].(float64) != 40 {
			t.Fatalf("summary: %v", sum)
		}
		if other := f.call("GET", "/api/v1/analytics/summary", f.b.SecretKey, nil, 200); other["events"].(float64) != 0 {
			t.Fatalf("workspace b sees a's events: %v", other)
		}
		series := f.call("GET", "/api/v1/analytics/series?metric=signal_balance&unit=week&by=touchpoint", key, nil, 200)
		if len(series["data"].([]any)) == 0 {
			t.Fatalf("series: %v", series)
		}
		m := f.call("GET", "/api/v1/analytics/journey-map", key, nil, 200)
		if len(m["data"].([]any)) != len(journey.DefaultRetail) {
			t.Fatalf("journey map: %v", m)
		}
		for _, path := range []string{"flow", "gaps", "emotion", "pillars"} {
			f.call("GET", "/api/v1/analytics/"+path, key, nil, 200)
		}
		f.call("GET", "/api/v1/analytics/drivers", key, nil, 400)
		f.call("GET", "/api/v1/analytics/series?unit=fortnight", key, nil, 400)
		f.call("GET", "/api/v1/analytics/series?by=channel", key, nil, 400)
		f.call("GET", "/api/v1/analytics/summary?from=2026-12-01&to=2026-01-01", key, nil, 400)
		f.call("GET", "/api/v1/analytics/summary", "", nil, 401)

		req, _ := http.NewRequest("GET", f.srv.URL+"/api/v1/analytics/journey-map?format=csv", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		lines := strings.Split(strings.TrimSpace(string(body)), "\n")
		if res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || len(lines) != 1+len(journey.DefaultRetail) ||
			!strings.HasPrefix(lines[0], "touchpoint,name_fa") {
			t.Fatalf("csv: %s\n%s", res.Header.Get("Content-Type"), body)
		}
	})
}
