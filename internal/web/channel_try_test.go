package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/tajrobe/tajrobe/internal/notify/notifytest"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// gateway is a fake SMS gateway that records what it is asked to send and
// refuses numbers it is told to.
type gateway struct {
	mu     sync.Mutex
	sent   []map[string]string
	refuse string
}

func (g *gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var m map[string]string
	json.NewDecoder(r.Body).Decode(&m)
	if m["to"] == g.refuse {
		http.Error(w, `{"error":"receptor is blocked"}`, http.StatusBadRequest)
		return
	}
	g.mu.Lock()
	g.sent = append(g.sent, m)
	g.mu.Unlock()
	w.Write([]byte(`{"id":"msg-77"}`))
}

// TestSendTestMessages sends a test e-mail through a real SMTP server and
// a test SMS to a number typed in Persian digits; a refusal shows the
// provider's answer; the sixth test within a minute is refused.
func TestSendTestMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		smtp := notifytest.StartMailServer(t)
		g := &gateway{refuse: "+989120000000"}
		srv := httptest.NewServer(g)
		defer srv.Close()
		c := f.signIn(t, "owner@a.test")
		if res, _ := c.post("/settings/channels", url.Values{"smtp_addr": {smtp.Addr}, "smtp_from": {"cx@a.test"},
			"sms_provider": {"http"}, "sms_url": {srv.URL}, "sms_key": {"k-secret"}}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save channels: %d", res.StatusCode)
		}
		res, body := c.post("/settings/channels/test", url.Values{"channel": {"email"}, "to": {"sara@example.com"}}, nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "پیام آزمایشی به sara@example.com فرستاده شد") || len(smtp.Messages()) != 1 {
			t.Fatalf("test e-mail: %d, %d messages", res.StatusCode, len(smtp.Messages()))
		}
		res, body = c.post("/settings/channels/test", url.Values{"channel": {"sms"}, "to": {"۰۹۱۲ ۱۲۳ ۴۵۶۷"}}, nil)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "۰۹۱۲ ۱۲۳ ۴۵۶۷") || !strings.Contains(body, "msg-77") {
			t.Fatalf("test SMS: %d", res.StatusCode)
		}
		if len(g.sent) != 1 || g.sent[0]["to"] != "+989121234567" || !strings.Contains(g.sent[0]["text"], "پیام آزمایشی") {
			t.Fatalf("the gateway got %+v", g.sent)
		}
		res, body = c.post("/settings/channels/test", url.Values{"channel": {"sms"}, "to": {"09120000000"}}, nil)
		if res.StatusCode != http.StatusBadGateway || !strings.Contains(body, "فرستاده نشد") || !strings.Contains(body, "receptor is blocked") {
			t.Fatalf("a refused SMS: %d", res.StatusCode)
		}
		c.post("/settings/channels/test", url.Values{"channel": {"email"}, "to": {"a@example.com"}}, nil)
		c.post("/settings/channels/test", url.Values{"channel": {"email"}, "to": {"b@example.com"}}, nil)
		res, body = c.post("/settings/channels/test", url.Values{"channel": {"email"}, "to": {"c@example.com"}}, nil)
		if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "بیش از ۵ پیام آزمایشی") || len(smtp.Messages()) != 3 {
			t.Fatalf("the sixth test in a minute: %d, %d e-mails", res.StatusCode, len(smtp.Messages()))
		}
		a := f.signIn(t, "admin@a.test") // the limit is per member
		if res, _ = a.post("/settings/channels/test", url.Values{"channel": {"email"}, "to": {"d@example.com"}}, nil); res.StatusCode != http.StatusOK {
			t.Fatalf("another member's test: %d", res.StatusCode)
		}
	})
}

// TestBadTestMessages: an address that is not one, a channel not set up,
// a provider that cannot be reached (its key kept out of the page), a
// forged post and a role without the permission.
func TestBadTestMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "owner@a.test")
		for _, tc := range []struct{ channel, to, msg string }{{"email", "sara", "این نشانی ایمیل معتبر نیست"},
			{"sms", "0912", "نخست تنظیم‌های این کانال را ذخیره کنید"}, {"fax", "1", "نخست تنظیم‌های این کانال را ذخیره کنید"}} {
			if tc.channel == "email" {
				c.post("/settings/channels", url.Values{"smtp_addr": {"127.0.0.1:1"}, "smtp_from": {"cx@a.test"}}, nil)
			}
			res, body := c.post("/settings/channels/test", url.Values{"channel": {tc.channel}, "to": {tc.to}}, nil)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, tc.msg) || !strings.Contains(body, `value="`+tc.to+`"`) {
				t.Errorf("%s to %q: %d", tc.channel, tc.to, res.StatusCode)
			}
		}
		c.post("/settings/channels", url.Values{"smtp_addr": {"127.0.0.1:1"}, "smtp_from": {"cx@a.test"},
			"sms_provider": {"kavenegar"}, "sms_url": {"http://127.0.0.1:1"}, "sms_key": {"KEY-9f8e7d"}}, nil)
		res, body := c.post("/settings/channels/test", url.Values{"channel": {"sms"}, "to": {"09121234567"}}, nil)
		if res.StatusCode != http.StatusBadGateway || !strings.Contains(body, "connection refused") || strings.Contains(body, "KEY-9f8e7d") {
			t.Fatalf("an unreachable provider: %d", res.StatusCode)
		}
		res, body = c.post("/settings/channels/test", url.Values{"channel": {"sms"}, "to": {"0912abc"}}, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "این شماره همراه معتبر نیست") {
			t.Fatalf("a bad number: %d", res.StatusCode)
		}
		if res, _ = c.post("/settings/channels/test", url.Values{"channel": {"sms"}, "to": {"09121234567"}},
			http.Header{"Sec-Fetch-Site": {"cross-site"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a forged test: %d", res.StatusCode)
		}
		an := f.signIn(t, "analyst@a.test")
		if res, _ = an.post("/settings/channels/test", url.Values{"channel": {"sms"}, "to": {"09121234567"}}, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("an analyst sent a test: %d", res.StatusCode)
		}
	})
}
