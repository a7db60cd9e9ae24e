package track_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/api"
	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/track"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// fixture is the real API server on a real database, one workspace in it.
type fixture struct {
	t   *testing.T
	db  *store.DB
	in  *track.Ingester
	srv *httptest.Server
	ws  *onboard.Result
}

func newFixture(t *testing.T, db *store.DB, opt track.Options) *fixture {
	t.Helper()
	ws, err := onboard.Workspace(context.Background(), db, onboard.Request{
		Workspace:  workspace.Workspace{Name: "aria", Slug: "aria", Region: "IR"},
		AdminEmail: "a@example.com", AdminPassword: "correct horse battery",
	})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	opt.Log = log
	in := track.New(db, opt)
	t.Cleanup(in.Close)
	h, err := (&api.Server{DB: db, Log: log, Track: in}).Handler()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &fixture{t: t, db: db, in: in, srv: srv, ws: ws}
}

// send posts body to path as the SDKs do, with the write key as the Basic
// user name, and returns the status and the decoded answer.
func (f *fixture) send(path string, body any, hdr ...string) (int, map[string]any) {
	f.t.Helper()
	raw, ok := body.([]byte)
	if !ok {
		raw, _ = json.Marshal(body)
	}
	req, _ := http.NewRequest("POST", f.srv.URL+path, bytes.NewReader(raw))
	req.SetBasicAuth(f.ws.WriteKey, "")
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return f.do(req)
}

// secret calls the JSON API with the workspace's secret key.
func (f *fixture) secret(method, path string, body any) (int, map[string]any) {
	f.t.Helper()
	var rd io.Reader
	if body != nil {
		raw, ok := body.([]byte)
		if !ok {
			raw, _ = json.Marshal(body)
		}
		rd = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, f.srv.URL+path, rd)
	req.Header.Set("Authorization", "Bearer "+f.ws.SecretKey)
	return f.do(req)
}

func (f *fixture) do(req *http.Request) (int, map[string]any) {
	f.t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	out := map[string]any{"_headers": res.Header}
	json.Unmarshal(raw, &out)
	return res.StatusCode, out
}

// flush waits until the events the fixture's ingester staged are applied.
func (f *fixture) flush() {
	f.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := f.in.Flush(ctx); err != nil {
		f.t.Fatalf("the inbox was not applied: %v", err)
	}
}

// count runs a COUNT(*) query.
func (f *fixture) count(q string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.db.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		f.t.Fatal(err)
	}
	return n
}

// lookup finds the customer an identity belongs to.
func (f *fixture) lookup(kind customer.Kind, v string) *customer.Customer {
	f.t.Helper()
	c, err := customer.Lookup(context.Background(), f.db, f.ws.WorkspaceID, "IR", kind, v)
	if err != nil {
		f.t.Fatalf("lookup %s %s: %v", kind, v, err)
	}
	return c
}

// eventRow is what a test checks of one stored event.
type eventRow struct {
	CustomerID int64
	Type, Name string
	Touchpoint string
	Channel    string
	Signal     *int
	Properties string
	OccurredAt int64
}

func (f *fixture) event(messageID string) eventRow {
	f.t.Helper()
	var e eventRow
	err := f.db.QueryRow(context.Background(), `SELECT customer_id, type, name, touchpoint, channel, signal, properties, occurred_at
		FROM events WHERE workspace_id = ? AND message_id = ?`, f.ws.WorkspaceID, messageID).
		Scan(&e.CustomerID, &e.Type, &e.Name, &e.Touchpoint, &e.Channel, &e.Signal, &e.Properties, &e.OccurredAt)
	if err != nil {
		f.t.Fatalf("event %s: %v", messageID, err)
	}
	return e
}

// errorsOf returns the per-event errors of a problem answer.
func errorsOf(body map[string]any) []map[string]any {
	var out []map[string]any
	items, _ := body["errors"].([]any)
	for _, it := range items {
		out = append(out, it.(map[string]any))
	}
	return out
}

// mustReq builds a POST without credentials.
func mustReq(t *testing.T, url string, body []byte) *http.Request {
	t.Helper()
	req, err := http.NewRequest("POST", url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return req
}
