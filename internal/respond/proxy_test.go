package respond_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/clientip"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// Behind a trusted load balancer every post arrives from its address; the
// abuse limit must count each respondent by the address the balancer
// names, so one flooding client is stopped and the next person is not.
func TestAbuseLimitCountsEachClientBehindTrustedProxies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		clients, err := clientip.Parse("127.0.0.1, ::1")
		if err != nil {
			t.Fatal(err)
		}
		e.h.Clients = clients
		s := e.survey("delivery_csat")
		u := e.srv.URL + "/s/p/" + s.PublicSlug
		n := nonceRe.FindStringSubmatch(e.get(u, 200))[1]
		post := func(from string) int {
			t.Helper()
			req, _ := http.NewRequest("POST", u, strings.NewReader(url.Values{"n": {n}, "csat": {"4"}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Forwarded-For", from)
			res, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		for i := range 20 {
			if code := post("198.51.100.7"); code == http.StatusTooManyRequests {
				t.Fatalf("post %d of the first 20 from one client was refused", i+1)
			}
		}
		if code := post("198.51.100.7"); code != http.StatusTooManyRequests {
			t.Fatalf("the 21st post in a minute from one client: %d, want 429", code)
		}
		if code := post("203.0.113.20"); code == http.StatusTooManyRequests {
			t.Fatal("another client behind the same balancer was refused with the first")
		}
	})
}

// Two nodes behind one balancer share the database: the abuse limit is
// the deployment's, so a client whose posts are spread over both is
// stopped after 20 in a minute, not 40, and one that is stopped on one
// node is stopped on the other.
func TestAbuseLimitIsSharedByTheNodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := newEnv(t, db)
		b := a.node()
		s := a.survey("delivery_csat")
		post := func(e *env) int {
			t.Helper()
			u := e.srv.URL + "/s/p/" + s.PublicSlug
			n := nonceRe.FindStringSubmatch(e.get(u, 200))[1]
			res, err := noRedirect.PostForm(u, url.Values{"n": {n}, "csat": {"4"}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		for i := range 20 {
			node := a
			if i%2 == 1 {
				node = b
			}
			if code := post(node); code == http.StatusTooManyRequests {
				t.Fatalf("post %d of the first 20, spread over two nodes, was refused", i+1)
			}
		}
		for name, node := range map[string]*env{"first": a, "second": b} {
			if code := post(node); code != http.StatusTooManyRequests {
				t.Fatalf("the %s node let a 21st post in a minute through: %d, want 429", name, code)
			}
		}
	})
}
