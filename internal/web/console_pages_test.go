package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// mustSurvey makes a survey in a workspace from a template.
func (f *fixture) mustSurvey(t *testing.T, ws int64, name string) int64 {
	t.Helper()
	s, err := survey.Template("post_purchase_nps")
	if err != nil {
		t.Fatal(err)
	}
	s.Name = name
	if err := survey.Create(context.Background(), f.db, ws, "test", &s); err != nil {
		t.Fatal(err)
	}
	return s.ID
}

// TestEachRoleOnTheNewPages opens every page of cases, surveys, analytics
// and the loop and channel settings as each role, and sends one form of
// each: y means allowed, - refused with a 403.
func TestEachRoleOnTheNewPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		cs := f.openCase(t, f.ws1, f.cust1, "slow")
		sv := f.mustSurvey(t, f.ws1, "آریا")
		pages := []string{"/cases", fmt.Sprintf("/cases/%d", cs), "/surveys", fmt.Sprintf("/surveys/%d", sv),
			fmt.Sprintf("/surveys/%d/preview", sv), fmt.Sprintf("/surveys/%d/distribute", sv), fmt.Sprintf("/surveys/%d/results", sv),
			"/analytics", "/analytics/drivers", "/analytics/experience", "/analytics/loop",
			"/settings/rules", "/settings/calendar", "/settings/channels"}
		want := map[string]string{ // pages, then: note, new survey, rule, channels
			"owner":    "yyyyyyyyyyyyyy yyyy",
			"admin":    "yyyyyyyyyyyyyy yyyy",
			"analyst":  "--yyyyyyyyyyy- -yy-",
			"agent":    "yy------------ y---",
			"marketer": "--yyyyyyyyy--- -y--",
			"viewer":   "-------yyyy--- ----",
		}
		for role, w := range want {
			c := f.signIn(t, role+"@a.test")
			got := ""
			for _, p := range pages {
				got += status(c.get(p))
			}
			got += " " + status(c.post(fmt.Sprintf("/cases/%d/note", cs), url.Values{"body": {"یادداشت " + role}}, nil))
			got += status(c.post("/surveys", url.Values{"name": {"s " + role}}, nil))
			got += status(c.post("/settings/rules", url.Values{"name": {"r " + role}, "trigger": {"response"}, "metric": {"nps"},
				"op": {"lte"}, "value": {"۶"}, "reason": {"low_" + role}, "priority": {"high"}}, nil))
			got += status(c.post("/settings/channels", url.Values{"smtp_addr": {"mail.example.com:587"}}, nil))
			if got != w {
				t.Errorf("%s: %s, want %s", role, got, w)
			}
		}
	})
}

// TestNewPagesRefuseAnotherWorkspacesIds uses Napoli's survey from آریا.
func TestNewPagesRefuseAnotherWorkspacesIds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		other := f.mustSurvey(t, f.ws2, "Napoli")
		c := f.signIn(t, "owner@a.test")
		for _, r := range []struct{ method, path string }{
			{"GET", ""}, {"GET", "/preview"}, {"GET", "/distribute"}, {"GET", "/results"}, {"GET", "/export.csv"},
			{"POST", "/questions"}, {"POST", "/questions/nps"}, {"POST", "/questions/nps/delete"}, {"POST", "/publish"}, {"POST", "/links"},
		} {
			var form url.Values
			if r.method == "POST" {
				form = url.Values{"id": {"x"}, "kind": {"text"}, "text_fa": {"x"}, "recipients": {"09120000000"}}
			}
			res, _ := c.do(r.method, fmt.Sprintf("/surveys/%d%s", other, r.path), form, nil)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("%s /surveys/%d%s: %d", r.method, other, r.path, res.StatusCode)
			}
		}
		s, _ := survey.Get(t.Context(), db, f.ws2, other)
		if s.Status != survey.Draft || len(s.Questions) != 2 && len(s.Questions) < 1 {
			t.Fatalf("Napoli's survey changed: %s", s.Status)
		}
	})
}

// TestNewFormsAreRefusedFromOtherSites posts each new kind of form from
// another site, programs, reopening and channel tests among them: all
// refused, nothing changes.
func TestNewFormsAreRefusedFromOtherSites(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		cs := f.openCase(t, f.ws1, f.cust1, "x")
		c := f.signIn(t, "owner@a.test")
		h := http.Header{"Sec-Fetch-Site": {"cross-site"}}
		for _, p := range []string{fmt.Sprintf("/cases/%d/close", cs), "/surveys", "/settings/rules", "/settings/calendar", "/settings/channels",
			"/programs", fmt.Sprintf("/cases/%d/reopen", cs), "/settings/channels/test"} {
			res, _ := c.post(p, url.Values{"root_cause": {"price"}, "resolution": {"x"}, "name": {"forged"}, "reason": {"x"}}, h)
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("%s: %d", p, res.StatusCode)
			}
		}
		var n int
		err := db.QueryRow(t.Context(), "SELECT (SELECT COUNT(*) FROM surveys WHERE name = 'forged') + (SELECT COUNT(*) FROM programs WHERE name = 'forged')").Scan(&n)
		if err != nil || n != 0 {
			t.Fatal("a forged form made a survey or a program")
		}
	})
}

// TestSurveyBuilderAndPreview adds a follow-up question shown only to
// detractors, with script in its text, then walks the preview: a score
// of 3 shows it, escaped; 9 does not; nothing is stored.
func TestSurveyBuilderAndPreview(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "marketer@a.test")
		res, _ := c.post("/surveys", url.Values{"name": {"پس از خرید"}}, nil)
		path := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(path, "/surveys/") {
			t.Fatalf("create: %d %q", res.StatusCode, path)
		}
		path = strings.TrimSuffix(path, "?done=created")
		q := url.Values{"id": {"why"}, "kind": {"text"}, "text_fa": {`<script>alert(1)</script> چرا؟`}, "text_en": {"Why?"},
			"show_if": {"nps"}, "max": {"۶"}}
		res, body := c.post(path+"/questions", url.Values{"id": {"Bad Id"}, "kind": {"text"}, "text_fa": {"چرا؟"}}, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "شناسه پرسش با حرف لاتین") || !strings.Contains(body, `value="Bad Id"`) {
			t.Fatalf("a bad question id: %d", res.StatusCode)
		}
		if res, _ = c.post(path+"/questions", q, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add: %d", res.StatusCode)
		}
		if _, body = c.get(path); !strings.Contains(body, `<iframe name="preview"`) || strings.Contains(body, "<script>alert(1)") {
			t.Fatal("the builder has no preview, or shows the question's text as markup")
		}
		res, body = c.get(path + "/preview?lang=fa")
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'self'") || !strings.Contains(body, `name="nps"`) || strings.Contains(body, `name="why"`) {
			t.Fatalf("preview's first page: %q", res.Header.Get("Content-Security-Policy"))
		}
		_, body = c.post(path+"/preview?lang=fa", url.Values{"nps": {"3"}}, nil)
		if !strings.Contains(body, `name="why"`) || !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt; چرا؟") {
			t.Fatal("a detractor's preview does not ask why, escaped")
		}
		if _, body = c.post(path+"/preview?lang=en", url.Values{"nps": {"9"}}, nil); strings.Contains(body, `name="why"`) || !strings.Contains(body, "Thank you") {
			t.Fatal("a promoter's preview asks why, or does not thank")
		}
		var n int
		db.QueryRow(t.Context(), "SELECT COUNT(*) FROM survey_responses").Scan(&n)
		if n != 0 {
			t.Fatalf("the preview stored %d responses", n)
		}
		if res, _ = c.post(path+"/publish", url.Values{}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("publish: %d", res.StatusCode)
		}
		_, body = c.post(path+"/links", url.Values{"recipients": {"۰۹۱۲۱۲۳۴۵۶۷\nnot a phone"}}, nil)
		if !strings.Contains(body, `id="qr"`) || !strings.Contains(body, "/s/") || !strings.Contains(body, "این خط پذیرفته نشد") {
			t.Fatal("distribution lacks the QR code, a personal link or the refused line")
		}
	})
}

// TestSettingsFormsExplainRefusals sends a rule that can never match, a
// calendar with a bad zone and an SMTP server without a port.
func TestSettingsFormsExplainRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "owner@a.test")
		res, body := c.post("/settings/rules", url.Values{"name": {"هرگز"}, "trigger": {"response"}, "metric": {"nps"},
			"op": {"gte"}, "value": {"11"}, "reason": {"never"}, "priority": {"high"}}, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "قاعده هرگز برقرار نمی‌شود") || !strings.Contains(body, `value="هرگز"`) {
			t.Fatalf("impossible rule: %d", res.StatusCode)
		}
		res, body = c.post("/settings/calendar", url.Values{"timezone": {"Mars/Olympus"}, "sat_from": {"۰۸:۰۰"}, "sat_to": {"16:00"},
			"first_response_hours": {"4"}, "resolution_hours": {"24"}}, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "منطقه زمانی شناخته نیست") {
			t.Fatalf("bad zone: %d", res.StatusCode)
		}
		res, _ = c.post("/settings/calendar", url.Values{"timezone": {"Asia/Tehran"}, "sat_from": {"۰۸:۰۰"}, "sat_to": {"16:00"},
			"holidays": {"۱۴۰۵-۰۱-۰۱"}, "first_response_hours": {"4"}, "resolution_hours": {"24"}}, nil)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("calendar in Persian digits: %d", res.StatusCode)
		}
		res, body = c.post("/settings/channels", url.Values{"smtp_addr": {"mail.example.com"}, "smtp_password": {"s3cret"}}, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "host:port") || strings.Contains(body, "s3cret") {
			t.Fatalf("SMTP without a port: %d", res.StatusCode)
		}
	})
}
