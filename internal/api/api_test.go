package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// fixture is a real server on a real database with two workspaces.
type fixture struct {
	t    *testing.T
	db   *store.DB
	srv  *httptest.Server
	a, b *onboard.Result
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	mk := func(slug, email string) *onboard.Result {
		res, err := onboard.Workspace(ctx, db, onboard.Request{
			Workspace:  workspace.Workspace{Name: slug, Slug: slug},
			AdminEmail: email, AdminPassword: "correct horse battery",
		})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	f := &fixture{t: t, db: db, a: mk("aria", "a@example.com"), b: mk("napoli", "b@example.com")}
	s := &Server{DB: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBody: 64 << 10}
	h, err := s.Handler()
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(h)
	t.Cleanup(f.srv.Close)
	return f
}

// call sends a request with a bearer key and checks the status and that
// the body matches the OpenAPI document.
func (f *fixture) call(method, path, key string, body any, want int) map[string]any {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, _ := json.Marshal(b)
		rd = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, f.srv.URL+path, rd)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		f.t.Fatalf("%s %s = %d, want %d: %s", method, path, res.StatusCode, want, raw)
	}
	checkResponse(f.t, method, path, res.StatusCode, res.Header.Get("Content-Type"), raw)
	out := map[string]any{}
	json.Unmarshal(raw, &out)
	return out
}

func idOf(m map[string]any) string { return jsonNumber(m["id"]) }

func jsonNumber(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestSystemEndpoints(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.call("GET", "/healthz", "", nil, 200)
		if got := f.call("GET", "/readyz", "", nil, 200); got["status"] != "ready" {
			t.Fatalf("readyz = %v", got)
		}
		f.call("GET", "/api/v1/openapi.json", "", nil, 200)
		res, err := http.Get(f.srv.URL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !bytes.Contains(body, []byte(`tajrobe_http_requests_total{code="200",route="GET /healthz"}`)) {
			t.Fatalf("metrics do not count requests by route:\n%.2000s", body)
		}
		for _, line := range []string{"tajrobe_event_inbox_rows 0", "tajrobe_event_inbox_waiting_events 0", "tajrobe_event_inbox_lag_seconds 0"} {
			if !bytes.Contains(body, []byte("\n"+line+"\n")) {
				t.Fatalf("metrics do not show the event inbox's backlog (%s):\n%.3000s", line, body)
			}
		}
	})
}

func TestKeysGuardTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.call("GET", "/api/v1/touchpoints", "", nil, 401)
		f.call("GET", "/api/v1/touchpoints", "tjs_not-a-real-key", nil, 401)
		if p := f.call("GET", "/api/v1/touchpoints", f.a.WriteKey, nil, 403); !strings.Contains(p["detail"].(string), "secret key") {
			t.Fatalf("a write key must be told it needs a secret key: %v", p)
		}
		f.call("GET", "/api/v1/touchpoints", f.a.SecretKey, nil, 200)
	})
}
