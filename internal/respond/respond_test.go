package respond_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/respond"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

var ctx = context.Background()

// env is a real server with the public pages on a real database.
type env struct {
	t   *testing.T
	db  *store.DB
	srv *httptest.Server
	ws  *workspace.Workspace
	h   *respond.Handler
}

func newEnv(t *testing.T, db *store.DB) *env {
	e := &env{t: t, db: db, ws: &workspace.Workspace{Name: "کفش آریا", Language: "fa"}}
	if err := db.InTx(ctx, func(tx *store.Tx) error { return workspace.Create(ctx, tx, e.ws) }); err != nil {
		t.Fatal(err)
	}
	e.h, e.srv = serveNode(t, db)
	return e
}

// serveNode starts a handler on db behind a test server: one node.
func serveNode(t *testing.T, db *store.DB) (*respond.Handler, *httptest.Server) {
	h := respond.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), "https://x.example")
	h.MinFill = 0
	mux := http.NewServeMux()
	for p, route := range h.Routes() {
		mux.Handle(p, route)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return h, srv
}

// node returns another server on the same database and workspace, as a
// second node behind the same load balancer.
func (e *env) node() *env {
	n := *e
	n.h, n.srv = serveNode(e.t, e.db)
	return &n
}

func (e *env) survey(template string) *survey.Survey {
	s, _ := survey.Template(template)
	if err := survey.Create(ctx, e.db, e.ws.ID, "t", &s); err != nil {
		e.t.Fatal(err)
	}
	p, err := survey.Publish(ctx, e.db, e.ws.ID, "t", s.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// link makes a personal link for a new customer.
func (e *env) link(s *survey.Survey, phone string) string {
	iv := &survey.Inviter{DB: e.db, Workspace: e.ws, BaseURL: e.srv.URL}
	got, _, err := iv.Invite(ctx, s, survey.InviteRequest{Channel: "link", Recipients: []survey.Recipient{
		{Identities: []customer.Identity{{Kind: customer.Phone, Value: phone}}}}})
	if err != nil || got[0].Invitation == nil {
		e.t.Fatalf("invite: %v %+v", err, got)
	}
	return got[0].Invitation.URL
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (e *env) get(u string, want int) string {
	e.t.Helper()
	res, err := noRedirect.Get(u)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		e.t.Fatalf("GET %s = %d, want %d\n%s", u, res.StatusCode, want, b)
	}
	return string(b)
}

func (e *env) post(u string, form url.Values, want int) string {
	e.t.Helper()
	res, err := noRedirect.PostForm(u, form)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		e.t.Fatalf("POST %s %v = %d, want %d\n%s", u, form, res.StatusCode, want, b)
	}
	return string(b)
}

func (e *env) responses(s *survey.Survey) []survey.Response {
	list, err := survey.ListResponses(ctx, e.db, e.ws.ID, s.ID, 0, 100)
	if err != nil {
		e.t.Fatal(err)
	}
	return list
}

func TestPersonalLinkWalksTheLogicAndEscapesAnswers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		s := e.survey("post_purchase_nps")
		u := e.link(s, "09121234567")
		page := e.get(u, 200)
		for _, want := range []string{`lang="fa" dir="rtl"`, `>۱۰<`, `>۰<`, `<legend`, `name="nps"`} {
			if !strings.Contains(page, want) {
				t.Fatalf("first page lacks %q:\n%s", want, page)
			}
		}
		if strings.Contains(page, `name="why"`) {
			t.Fatal("the why question must wait for the score")
		}
		e.post(u, url.Values{"nps": {"11"}}, 422)
		if len(e.responses(s)) != 0 {
			t.Fatal("an out-of-range score must store nothing")
		}
		e.post(u, url.Values{"nps": {"۳"}}, 303)
		if page = e.get(u, 200); !strings.Contains(page, `name="why"`) {
			t.Fatalf("after NPS 3 the why question must show:\n%s", page)
		}
		e.post(u, url.Values{"why": {strings.Repeat("ب", survey.MaxComment+1)}}, 422)
		evil := `<script>alert("x")</script> پیتزا سرد بود`
		e.post(u, url.Values{"why": {evil}}, 303)
		e.post(u, url.Values{"why": {"again"}}, 200) // a double submission shows thanks, stores nothing
		if page = e.get(u, 200); !strings.Contains(page, "ممنون") {
			t.Fatalf("want thanks:\n%s", page)
		}
		rs := e.responses(s)
		if len(rs) != 1 || rs[0].Status != "complete" || rs[0].AnswerMap()["why"].Text != evil {
			t.Fatalf("responses = %+v", rs)
		}
		edit := e.get(u+"?edit=1", 200)
		if strings.Contains(edit, "<script>") || !strings.Contains(edit, "&lt;script&gt;") {
			t.Fatalf("answers must be escaped when shown:\n%s", edit)
		}
		en := e.get(u+"?lang=en", 200)
		if !strings.Contains(en, `lang="en" dir="ltr"`) {
			t.Fatalf("?lang=en must switch language:\n%s", en)
		}
	})
}

func TestForgedTokensAndEmailClicks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		s := e.survey("post_purchase_nps")
		u := e.link(s, "09121234568")
		e.get(u[:len(u)-2]+"xx", 404)
		e.get(e.srv.URL+"/s/not-a-token", 404)
		for v := range 11 { // a mail security scanner fetches every score's link
			e.get(u+"?q=nps&v="+strconv.Itoa(v), 200)
		}
		if rs := e.responses(s); len(rs) != 0 {
			t.Fatalf("fetching the e-mail's links stored %+v; only a tap on Send may", rs)
		}
		page := e.get(u+"?q=nps&v=9", 200)
		if !strings.Contains(page, `name="nps" value="9" checked`) || !strings.Contains(page, "tap Send to save it") &&
			!strings.Contains(page, "«ثبت» را بزنید") {
			t.Fatalf("the clicked score must be selected, with a word on how to save it:\n%s", page)
		}
		form := url.Values{"nps": {"9"}}
		if m := nonceRe.FindStringSubmatch(page); m != nil {
			form.Set("n", m[1])
		}
		e.post(u, form, 303)
		e.post(u, form, 303) // sent twice, stored once
		rs := e.responses(s)
		if len(rs) != 1 || *rs[0].Score != 9 || rs[0].Status != "partial" {
			t.Fatalf("after the click and Send = %+v", rs)
		}
		e.get(u+"?q=nps&v=3", 303) // answered already: the click goes to the next page
		if page := e.get(u, 200); !strings.Contains(page, `name="liked"`) {
			t.Fatalf("after a 9 the page asks what they liked:\n%s", page)
		}
	})
}

var nonceRe = regexp.MustCompile(`name="n" value="([^"]+)"`)

func TestPublicLinkResistsBotsAndReplays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		s := e.survey("delivery_csat")
		u := e.srv.URL + "/s/p/" + s.PublicSlug
		page := e.get(u, 200)
		n := nonceRe.FindStringSubmatch(page)[1]
		e.post(u, url.Values{"n": {n}, "csat": {"2"}, "website": {"http://spam"}}, 200)
		if len(e.responses(s)) != 0 {
			t.Fatal("the honeypot must store nothing")
		}
		e.h.MinFill = 3_600_000_000_000
		e.post(u, url.Values{"n": {n}, "csat": {"2"}}, 429)
		e.h.MinFill = 0
		e.post(u, url.Values{"n": {n}, "csat": {"2"}}, 303)
		e.post(u, url.Values{"n": {n}, "on_time": {"no"}, "why": {"دیر رسید"}}, 303)
		e.post(u, url.Values{"n": {n}, "csat": {"5"}}, 200) // replay after completion
		rs := e.responses(s)
		if len(rs) != 1 || *rs[0].Score != 2 || rs[0].Status != "complete" {
			t.Fatalf("responses = %+v", rs)
		}
		e.get(e.srv.URL+"/s/p/nosuchslug", 404)
		if svg := e.get(u+"/qr.svg", 200); !strings.HasPrefix(svg, "<svg") {
			t.Fatal("qr.svg is not an SVG")
		}
		if png := e.get(u+"/qr.png", 200); !strings.HasPrefix(png, "\x89PNG") {
			t.Fatal("qr.png is not a PNG")
		}
	})
}

// TestPageBudget checks the first load: one request, nothing from other
// hosts, at most 14 KB compressed.
func TestPageBudget(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		s := e.survey("emotional_connection")
		req, _ := http.NewRequest("GET", e.link(s, "09121234569"), nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.Header.Get("Content-Encoding") != "gzip" || len(raw) > 14*1024 {
			t.Fatalf("compressed first load = %d bytes (%s)", len(raw), res.Header.Get("Content-Encoding"))
		}
		zr, _ := gzip.NewReader(bytes.NewReader(raw))
		html, _ := io.ReadAll(zr)
		for _, bad := range []string{"<script", "src=", `rel="stylesheet"`, "@import", "url("} {
			if bytes.Contains(html, []byte(bad)) {
				t.Errorf("the page loads something more (%q)", bad)
			}
		}
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'none'") {
			t.Error("the page needs a strict CSP")
		}
	})
}
