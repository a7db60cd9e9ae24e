package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// mustProgram saves a draft in a workspace that starts on an API call,
// waits two days and sends a promotional SMS.
func (f *fixture) mustProgram(t *testing.T, wsID int64, name string) *program.Program {
	t.Helper()
	ws, err := workspace.Get(context.Background(), f.db, wsID)
	if err != nil {
		t.Fatal(err)
	}
	p := &program.Program{Name: name, Trigger: program.Trigger{Kind: program.OnAPI}, Steps: []program.Step{
		{ID: "rest", Kind: program.Wait, For: "2d"},
		{ID: "sms", Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.SendSMS},
			Template: &program.Template{FA: &program.Text{Body: "سلام {{first_name|دوست}}"}}}}}}
	if err := f.db.InTx(context.Background(), func(tx *store.Tx) error { return program.Save(context.Background(), tx, ws, "test", p) }); err != nil {
		t.Fatal(err)
	}
	return p
}

// programFormValues is a valid editor form: an API trigger, a wait and an SMS.
func programFormValues(name string) url.Values {
	return url.Values{"name": {name}, "trigger": {"api"}, "reentry": {"once"}, "steps": {"2"},
		"s0_id": {"rest"}, "s0_kind": {"wait"}, "s0_for": {"۲d"},
		"s1_id": {"sms"}, "s1_kind": {"send_sms"}, "s1_purpose": {"promotional"}, "s1_body_fa": {"سلام {{first_name|دوست}}"},
		"op": {"save"}}
}

// TestProgramEditorKeepsWhatWasTypedAndExplains sends refused forms in
// Persian and in English, adds a step without saving, then saves.
func TestProgramEditorKeepsWhatWasTypedAndExplains(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "marketer@a.test")
		if res, body := c.get("/programs/new"); res.StatusCode != 200 || !strings.Contains(body, `id="program-form"`) {
			t.Fatalf("new: %d", res.StatusCode)
		}
		form := programFormValues("بازگشت مشتری")
		form.Set("trigger", "event")
		form.Set("t_event", "Never Sent")
		res, body := c.post("/programs", form, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, `value="بازگشت مشتری"`) || !strings.Contains(body, "سلام {{first_name|دوست}}</textarea>") {
			t.Fatalf("unknown event: %d, or the form lost what was typed", res.StatusCode)
		}
		beside := `aria-invalid="true">` + "\n" + `<p class="field-error">نام رویدادی را بنویسید که این فضای کاری ثبت یا نگاشت می‌کند`
		if !strings.Contains(body, `id="t_event" name="t_event" value="Never Sent"`) || !strings.Contains(body, beside) {
			t.Fatal("the unknown event is not explained beside its field")
		}
		c.post("/language", url.Values{"lang": {"en"}, "next": {"/programs"}}, nil)
		form = programFormValues("Win back")
		form.Set("s0_for", "soon")
		if res, body = c.post("/programs", form, nil); res.StatusCode != http.StatusBadRequest ||
			!strings.Contains(body, `<p class="field-error">Write a whole number and a unit`) || !strings.Contains(body, `value="soon"`) {
			t.Fatalf("a wait of soon: %d", res.StatusCode)
		}
		form.Set("op", "add")
		form.Set("add_kind", "branch")
		if res, body = c.post("/programs", form, nil); res.StatusCode != 200 || !strings.Contains(body, `name="s2_kind" data-kind-select><option value="wait">`) ||
			!strings.Contains(body, `<option value="branch" selected>`) || !strings.Contains(body, `value="soon"`) {
			t.Fatalf("add a step: %d", res.StatusCode)
		}
		res, _ = c.post("/programs", programFormValues("Win back"), nil)
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/programs/") || !strings.HasSuffix(loc, "?done=created") {
			t.Fatalf("create: %d %q", res.StatusCode, loc)
		}
		all, _ := program.List(t.Context(), db, f.ws1)
		if len(all) != 1 || all[0].Status != program.Draft || len(all[0].Steps) != 2 || all[0].Steps[1].Action.Purpose != program.Promotional {
			t.Fatalf("saved: %+v", all)
		}
		if _, body = c.get("/programs"); !strings.Contains(body, `<a href="/programs/`) || !strings.Contains(body, "An API call") {
			t.Fatal("the list lacks the new program or its trigger")
		}
	})
}

// TestProgramPageCountsAndStatus activates a program, lets a customer in
// and shows them waiting at the first step; pausing works, a draft
// filter hides it.
func TestProgramPageCountsAndStatus(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		p := f.mustProgram(t, f.ws1, "پیشنهاد")
		c := f.signIn(t, "admin@a.test")
		path := programPath(p.ID)
		if res, _ := c.post(path+"/status", url.Values{"to": {"active"}}, nil); res.StatusCode != http.StatusSeeOther ||
			res.Header.Get("Location") != path+"?done=program_active" {
			t.Fatalf("activate: %d %q", res.StatusCode, res.Header.Get("Location"))
		}
		f.enterAndRun(t, p.ID, f.cust1)
		_, body := c.get(path + "?done=program_active")
		row := body[strings.Index(body, `id="f-rest"`):]
		row = row[:strings.Index(row, "</tr>")]
		if !strings.Contains(body, "برنامه فعال شد.") || !strings.Contains(row, `<td class="num">۱</td><td class="num">۰</td><td class="num">۱</td>`) {
			t.Fatalf("the funnel does not show one customer waiting at rest: %s", row)
		}
		if _, body = c.get("/programs"); !strings.Contains(body, `<td class="num">۱</td>`) || !strings.Contains(body, "pg-active") {
			t.Fatal("the list does not count the customer inside")
		}
		if _, body = c.get("/programs?status=draft"); strings.Contains(body, "پیشنهاد") {
			t.Fatal("the draft filter shows an active program")
		}
		if res, _ := c.post(path+"/status", url.Values{"to": {"paused"}}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("pause: %d", res.StatusCode)
		}
		if res, _ := c.post(path+"/status", url.Values{"to": {"draft"}}, nil); res.StatusCode != http.StatusConflict {
			t.Fatalf("back to draft: %d", res.StatusCode)
		}
	})
}

// enterAndRun puts a customer into an active API program and runs what
// is due, so they wait at the first step.
func (f *fixture) enterAndRun(t *testing.T, programID, cust int64) {
	t.Helper()
	ctx := context.Background()
	ws, _ := workspace.Get(ctx, f.db, f.ws1)
	err := f.db.InTx(ctx, func(tx *store.Tx) error {
		_, err := program.EnterByAPI(ctx, tx, ws, programID, cust, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tr := &timer.Runner{DB: f.db, Batch: 10, Node: "test"}
	(&program.Runner{DB: f.db}).Register(tr)
	if _, err := tr.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestProgramDryRunPage tries the newest customers and named ones: one
// is inside already, one would get the SMS with a Jalali date, one who
// withdrew SMS consent is held back.
func TestProgramDryRunPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		p := f.mustProgram(t, f.ws1, "پیشنهاد")
		ctx := context.Background()
		var fresh, withdrawn int64
		err := db.InTx(ctx, func(tx *store.Tx) error {
			fresh = mustCustomer(ctx, t, tx, f.ws1, "09121112233", "مریم")
			withdrawn = mustCustomer(ctx, t, tx, f.ws1, "09124445566", "رضا")
			return customer.RecordConsent(ctx, tx, f.ws1, withdrawn, customer.Consent{Channel: "sms", Granted: false})
		})
		if err != nil {
			t.Fatal(err)
		}
		c := f.signIn(t, "marketer@a.test")
		c.post(programPath(p.ID)+"/status", url.Values{"to": {"active"}}, nil)
		f.enterAndRun(t, p.ID, f.cust1)
		res, body := c.get(programPath(p.ID) + "/dry-run")
		if res.StatusCode != 200 {
			t.Fatalf("dry run: %d", res.StatusCode)
		}
		part := func(id int64) string {
			s := body[strings.Index(body, fmt.Sprintf(`id="dry-%d"`, id)):]
			return s[:strings.Index(s, "</section>")]
		}
		if !strings.Contains(part(f.cust1), "هم‌اکنون درون برنامه است") {
			t.Error("the customer inside is not kept out by the re-entry policy")
		}
		if s := part(fresh); !strings.Contains(s, "وارد می‌شود") || !strings.Contains(s, "فرستاده می‌شود · پیامک") || !strings.Contains(s, "سلام مریم") || !strings.Contains(s, "۱۴۰") {
			t.Errorf("the fresh customer's SMS, with its Jalali date: %s", s)
		}
		if !strings.Contains(part(withdrawn), "رضایت پس گرفته شده") {
			t.Error("the customer who withdrew is not shown held back by consent")
		}
		_, body = c.get(programPath(p.ID) + "/dry-run?who=" + url.QueryEscape("۰۹۱۲۱۱۱۲۲۳۳\n09990000000"))
		if !strings.Contains(body, fmt.Sprintf(`id="dry-%d"`, fresh)) || strings.Contains(body, fmt.Sprintf(`id="dry-%d"`, withdrawn)) ||
			!strings.Contains(body, "هیچ مشتری‌ای این‌ها را ندارد") {
			t.Fatal("named customers: the one named, and the unknown line said")
		}
		var n int
		db.QueryRow(ctx, "SELECT COUNT(*) FROM program_messages").Scan(&n)
		if n != 0 {
			t.Fatalf("a dry run stored %d messages", n)
		}
	})
}

// TestProgramsOfAnotherWorkspaceAreNotFound uses Napoli's program from آریا.
func TestProgramsOfAnotherWorkspaceAreNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		other := f.mustProgram(t, f.ws2, "Napoli")
		c := f.signIn(t, "owner@a.test")
		path := programPath(other.ID)
		for _, r := range []struct {
			method, path string
			form         url.Values
		}{{"GET", path, nil}, {"GET", path + "/dry-run", nil}, {"POST", path, programFormValues("Hijacked")},
			{"POST", path + "/status", url.Values{"to": {"active"}}}, {"GET", "/programs/abc", nil}} {
			if res, _ := c.do(r.method, r.path, r.form, nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s %s: %d", r.method, r.path, res.StatusCode)
			}
		}
		if _, body := c.get("/programs"); strings.Contains(body, "Napoli") {
			t.Error("the list shows another workspace's program")
		}
		p, _ := program.Get(t.Context(), db, f.ws2, other.ID)
		if p.Name != "Napoli" || p.Status != program.Draft {
			t.Fatalf("Napoli's program changed: %s %s", p.Name, p.Status)
		}
	})
}

// TestEachRoleOnTheProgramsPages opens the programs pages and sends a
// program as each role: only those who manage programs may (y), others
// get a 403 (-) and no link in the menu.
func TestEachRoleOnTheProgramsPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		want := map[string]string{ // pages, then: new program, status
			"owner":    "yyyy yy",
			"admin":    "yyyy yy",
			"analyst":  "---- --",
			"agent":    "---- --",
			"marketer": "yyyy yy",
			"viewer":   "---- --",
		}
		for role, w := range want {
			c := f.signIn(t, role+"@a.test")
			p := f.mustProgram(t, f.ws1, "آریا "+role)
			got := ""
			for _, pg := range []string{"/programs", "/programs/new", programPath(p.ID), programPath(p.ID) + "/dry-run"} {
				got += status(c.get(pg))
			}
			got += " " + status(c.post("/programs", programFormValues("p "+role), nil))
			got += status(c.post(programPath(p.ID)+"/status", url.Values{"to": {"active"}}, nil))
			if got != w {
				t.Errorf("%s: %s, want %s", role, got, w)
			}
			if _, body := c.get("/settings/preferences"); strings.Contains(body, `href="/programs"`) != (w[0] == 'y') {
				t.Errorf("%s: the menu's programs link does not follow the role", role)
			}
		}
	})
}
