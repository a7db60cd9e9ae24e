package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

const password = "long enough password"

// fixture is a console on a real database with two workspaces: آریا
// (Persian) with one member per role and Napoli (English) with its own
// owner, customers, a touchpoint, a key and a member of its own.
type fixture struct {
	db           *store.DB
	srv          *httptest.Server
	ws1, ws2     int64
	cust1, cust2 int64
	key2         int64
	user2        int64
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db}
	a := mustOnboard(t, db, workspace.Workspace{Name: "آریا", Slug: "aria", Language: "fa"}, "owner@a.test")
	b := mustOnboard(t, db, workspace.Workspace{Name: "Napoli", Slug: "napoli", Language: "en"}, "owner@b.test")
	f.ws1, f.ws2 = a.WorkspaceID, b.WorkspaceID
	err := db.InTx(ctx, func(tx *store.Tx) error {
		for _, r := range []auth.Role{auth.Admin, auth.Analyst, auth.Agent, auth.Marketer, auth.Viewer} {
			if err := auth.CreateUser(ctx, tx, &auth.User{Email: string(r) + "@a.test"}, password, f.ws1, r); err != nil {
				return err
			}
		}
		u := &auth.User{Email: "agent@b.test"}
		if err := auth.CreateUser(ctx, tx, u, password, f.ws2, auth.Agent); err != nil {
			return err
		}
		f.user2 = u.ID
		f.cust1 = mustCustomer(ctx, t, tx, f.ws1, "09121234567", "<script>alert(1)</script> سارا\u200cجان 🙂")
		f.cust2 = mustCustomer(ctx, t, tx, f.ws2, "09127654321", "Luigi")
		if err := journey.CreateTouchpoint(ctx, tx, f.ws2, &journey.Touchpoint{Key: "ws2_only", NameEn: "Napoli only",
			Stage: "use", Channel: "store"}); err != nil {
			return err
		}
		k, _, err := auth.CreateKey(ctx, tx, f.ws2, auth.SecretKey, "napoli server")
		f.key2 = k.ID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(c)
	t.Cleanup(f.srv.Close)
	return f
}

func mustOnboard(t *testing.T, db *store.DB, ws workspace.Workspace, email string) *onboard.Result {
	t.Helper()
	ws.Timezone, ws.Region = "Asia/Tehran", "IR"
	r, err := onboard.Workspace(context.Background(), db, onboard.Request{Workspace: ws, AdminEmail: email, AdminPassword: password})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// mustCustomer makes a customer with a phone, a name and signals at staff.
func mustCustomer(ctx context.Context, t *testing.T, tx *store.Tx, ws int64, phone, name string) int64 {
	t.Helper()
	ids, _ := customer.NormalizeAll([]customer.Identity{{Kind: customer.Phone, Value: phone}}, "IR")
	res, err := customer.Resolve(ctx, tx, ws, ids, customer.Traits{"name": []byte(`"` + strings.ReplaceAll(name, `"`, `\"`) + `"`)})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range []int{2, -1, 1} {
		s := s
		_, err := journey.InsertEvent(ctx, tx, &journey.Event{WorkspaceID: ws, CustomerID: res.CustomerID,
			MessageID: phone + string(rune('a'+i)), Type: "track", Name: "Staff <b>Helped</b>", Touchpoint: "staff",
			Signal: &s, OccurredAt: tx.Now.Add(-time.Duration(i) * 24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
	}
	return res.CustomerID
}

// client is a browser without redirects followed, so tests see them.
type client struct {
	t   *testing.T
	f   *fixture
	jar *cookiejar.Jar
	hc  *http.Client
}

func (f *fixture) client(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, f: f, jar: jar, hc: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signIn returns a client signed in as email.
func (f *fixture) signIn(t *testing.T, email string) *client {
	t.Helper()
	c := f.client(t)
	res, _ := c.post("/login", url.Values{"email": {email}, "password": {password}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/overview" {
		t.Fatalf("sign in as %s: %d %s", email, res.StatusCode, res.Header.Get("Location"))
	}
	return c
}

func (c *client) get(path string) (*http.Response, string) {
	c.t.Helper()
	return c.do("GET", path, nil, nil)
}

func (c *client) post(path string, form url.Values, header http.Header) (*http.Response, string) {
	c.t.Helper()
	return c.do("POST", path, form, header)
}

func (c *client) do(method, path string, form url.Values, header http.Header) (*http.Response, string) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.f.srv.URL+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}
