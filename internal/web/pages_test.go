package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestPagesSpeakPersianAndSwitchToEnglish(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "owner@a.test")
		_, body := c.get("/overview")
		for _, want := range []string{`lang="fa" dir="rtl"`, "نمای کلی", `id="count-customers">۱</strong>`, "\u200e&#43;۳۳٪"} { // html/template writes + as &#43;
			if !strings.Contains(body, want) {
				t.Errorf("Persian overview lacks %q", want)
			}
		}
		_, body = c.get(fmt.Sprintf("/customers/%d", f.cust1))
		if !strings.Contains(body, "۰۹۱۲ ۱۲۳ ۴۵۶۷") || !strings.Contains(body, "۱۴۰") { // a Jalali year
			t.Errorf("Persian profile lacks the phone in Persian digits or a Jalali date")
		}
		res, _ := c.post("/language", url.Values{"lang": {"en"}, "next": {"/journey?days=30"}}, nil)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/journey?days=30" {
			t.Fatalf("switch: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		_, body = c.get("/journey")
		if !strings.Contains(body, `lang="en" dir="ltr"`) || !strings.Contains(body, "Journey map") || strings.Contains(body, "نقشه سفر") {
			t.Errorf("English journey map is not English")
		}
		fresh := f.signIn(t, "owner@a.test") // the choice is the person's, not just this browser's
		if _, body = fresh.get("/overview"); !strings.Contains(body, `lang="en"`) || !strings.Contains(body, `id="count-customers">1</strong>`) {
			t.Errorf("the language preference did not follow the person")
		}
		fresh.post("/settings/preferences", url.Values{"language": {"en"}, "calendar": {"jalali"}}, nil)
		if _, body = fresh.get(fmt.Sprintf("/customers/%d", f.cust1)); !strings.Contains(body, "140") {
			t.Errorf("English with the Jalali calendar shows no Jalali year")
		}
		if res, _ := c.post("/language", url.Values{"lang": {"de"}}, nil); res.StatusCode != http.StatusBadRequest {
			t.Errorf("unknown language: %d", res.StatusCode)
		}
		if res, _ := c.post("/language", url.Values{"lang": {"fa"}, "next": {"https://evil.example"}}, nil); res.Header.Get("Location") != "/overview" {
			t.Errorf("open redirect to %q", res.Header.Get("Location"))
		}
	})
}

func TestCustomerFoundByPersianDigitPhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "agent@a.test")
		res, _ := c.get("/customers?q=" + url.QueryEscape("۰۹۱۲-۱۲۳-۴۵۶۷"))
		if want := fmt.Sprintf("/customers/%d", f.cust1); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
			t.Fatalf("search: %d %q, want %s", res.StatusCode, res.Header.Get("Location"), want)
		}
		res, body := c.get("/customers?q=" + url.QueryEscape("۰۹۳۰۰۰۰۰۰۰۰"))
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "هیچ مشتری‌ای") {
			t.Fatalf("no such customer: %d", res.StatusCode)
		}
		if res, _ := c.get(fmt.Sprintf("/customers/%d?after=garbage", f.cust1)); res.StatusCode != http.StatusBadRequest {
			t.Fatalf("bad cursor: %d", res.StatusCode)
		}
	})
}

// TestScriptInUserTextIsEscaped puts markup in a customer's name, an event
// name and a touchpoint name: every page shows it as text.
func TestScriptInUserTextIsEscaped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "owner@a.test")
		res, _ := c.post("/settings/touchpoints", url.Values{"key": {"kiosk"}, "name_fa": {`<img src=x onerror=alert(1)>کیوسک`},
			"stage": {"purchase"}, "channel": {"store"}}, nil)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", res.StatusCode)
		}
		for _, p := range []string{fmt.Sprintf("/customers/%d", f.cust1), "/journey/staff", "/journey", "/settings/touchpoints"} {
			_, body := c.get(p)
			if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || strings.Contains(body, "<b>Helped") {
				t.Errorf("%s: markup from user text is live", p)
			}
		}
		_, body := c.get(fmt.Sprintf("/customers/%d", f.cust1))
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt; سارا\u200cجان 🙂") {
			t.Error("the name does not round-trip as escaped text with its ZWNJ and emoji")
		}
	})
}

func TestSettingsActions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "admin@a.test")
		form := url.Values{"key": {"Bad Key"}, "name_fa": {"کیوسک"}, "stage": {"purchase"}, "channel": {"store"}, "target_score": {"۴٫۲"}}
		res, body := c.post("/settings/touchpoints", form, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "کلید با حرف آغاز می‌شود") || !strings.Contains(body, `value="۴٫۲"`) {
			t.Fatalf("bad key: %d", res.StatusCode)
		}
		form.Set("key", "kiosk")
		if res, _ = c.post("/settings/touchpoints", form, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", res.StatusCode)
		}
		form.Set("target_score", "9")
		if res, body = c.post("/settings/touchpoints/kiosk", form, nil); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "هدف باید عددی") {
			t.Fatalf("target out of range: %d", res.StatusCode)
		}
		if _, body = c.get("/settings/touchpoints"); !strings.Contains(body, "۴٫۲") {
			t.Error("the target typed in Persian digits was not kept as 4.2")
		}
		res, body = c.post("/settings/users", url.Values{"email": {"new@a.test"}, "name": {"نگار"}, "role": {"agent"}}, nil)
		pw := between(body, `id="new-password" data-copy>`, "<")
		if res.StatusCode != 200 || len(pw) < 12 {
			t.Fatalf("invite: %d, password %q", res.StatusCode, pw)
		}
		if _, err := auth.SignIn(t.Context(), db, "new@a.test", pw, "10.0.0.9"); err != nil {
			t.Fatalf("the shown password does not sign in: %v", err)
		}
		if _, body = c.get("/settings/users"); strings.Contains(body, pw) {
			t.Error("the password is shown again")
		}
		if res, _ = c.post("/settings/users", url.Values{"email": {"agent@a.test"}, "role": {"admin"}}, nil); res.StatusCode != http.StatusConflict {
			t.Errorf("inviting a member again: %d", res.StatusCode)
		}
		_, body = c.post("/settings/keys", url.Values{"name": {"سرور"}, "kind": {"secret"}}, nil)
		plain := between(body, `id="new-key" data-copy>`, "<")
		k, err := auth.LookupKey(t.Context(), db, plain)
		if err != nil || k.WorkspaceID != f.ws1 {
			t.Fatalf("new key %q: %v", plain, err)
		}
		if res, _ = c.post(fmt.Sprintf("/settings/keys/%d/revoke", k.ID), url.Values{}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke: %d", res.StatusCode)
		}
		if _, err := auth.LookupKey(t.Context(), db, plain); err == nil {
			t.Fatal("a revoked key still works")
		}
	})
}

func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, to)
	return v
}
