package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestSignInSessionCookieAndSignOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.client(t)
		res, body := c.post("/login", url.Values{"email": {"owner@a.test"}, "password": {"wrong"}}, nil)
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "ایمیل یا گذرواژه نادرست است") {
			t.Fatalf("wrong password: %d\n%s", res.StatusCode, body)
		}
		res, _ = c.post("/login", url.Values{"email": {"OWNER@a.test"}, "password": {password}, "next": {"//evil.example/x"}}, nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/overview" {
			t.Fatalf("sign in: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		ck := res.Cookies()[0]
		if ck.Name != sessionCookie || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/" || ck.Secure {
			t.Fatalf("cookie %+v", ck)
		}
		if res, body = c.get("/overview"); res.StatusCode != 200 || !strings.Contains(body, "owner@a.test") {
			t.Fatalf("overview: %d", res.StatusCode)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("CSP %q", csp)
		}
		c.post("/logout", url.Values{}, nil)
		var n int
		db.QueryRow(context.Background(), "SELECT COUNT(*) FROM sessions").Scan(&n)
		if res, _ = c.get("/overview"); res.StatusCode != http.StatusSeeOther || n != 0 {
			t.Fatalf("after sign-out: %d, %d sessions", res.StatusCode, n)
		}
	})
}

func TestExpiredSessionIsRefusedWithAMessage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "viewer@a.test")
		later := time.Now().Add(auth.SessionTTL + time.Hour)
		db.SetClock(func() time.Time { return later })
		res, _ := c.get("/journey?days=30")
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || loc != "/login?next=%2Fjourney%3Fdays%3D30&expired=1" {
			t.Fatalf("expired session: %d %q", res.StatusCode, loc)
		}
		if _, body := c.get(loc); !strings.Contains(body, "نشست شما به پایان رسیده است") {
			t.Fatalf("no message:\n%s", body)
		}
		if res, _ := c.post("/settings/preferences", url.Values{"language": {"en"}}, nil); res.StatusCode != http.StatusSeeOther ||
			!strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Fatalf("a form from an expired session: %d", res.StatusCode)
		}
	})
}

func TestSignInIsThrottled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.client(t)
		for i := 0; i < auth.MaxEmailFailures; i++ {
			c.post("/login", url.Values{"email": {"agent@a.test"}, "password": {"guess"}}, nil)
		}
		res, body := c.post("/login", url.Values{"email": {"agent@a.test"}, "password": {password}}, nil)
		if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "۱۵ دقیقه صبر کنید") {
			t.Fatalf("throttled: %d\n%s", res.StatusCode, body)
		}
	})
}

func TestForgedFormsAreRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "owner@a.test")
		form := url.Values{"name": {"stolen"}, "kind": {"secret"}}
		for _, h := range []http.Header{
			{"Sec-Fetch-Site": {"cross-site"}},
			{"Origin": {"https://evil.example"}},
		} {
			res, body := c.post("/settings/keys", form, h)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "از سایت دیگری فرستاده شده") {
				t.Fatalf("%v: %d\n%s", h, res.StatusCode, body)
			}
		}
		var n int
		db.QueryRow(context.Background(), "SELECT COUNT(*) FROM api_keys WHERE name = 'stolen'").Scan(&n)
		if n != 0 {
			t.Fatal("a forged form made a key")
		}
		if res, _ := c.post("/settings/keys", form, http.Header{"Sec-Fetch-Site": {"same-origin"}}); res.StatusCode != 200 {
			t.Fatalf("same-origin form: %d", res.StatusCode)
		}
	})
}
