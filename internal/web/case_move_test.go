package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// TestCaseMovesThroughItsFlowAndBack moves a case from new to resolved
// on its page, closes it, is refused a reopening without a reason, then
// reopens it; every move is in its history in the reader's language, by
// the agent's e-mail, and the inbox finds it by each status.
func TestCaseMovesThroughItsFlowAndBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		id := f.openCase(t, f.ws1, f.cust1, "کفش دیر رسید")
		c := f.signIn(t, "agent@a.test")
		path := fmt.Sprintf("/cases/%d", id)
		for _, s := range []string{loop.InProgress, loop.WaitingOnCustomer, loop.Resolved} {
			if res, _ := c.post(path+"/status", url.Values{"status": {s}}, nil); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("move to %s: %d", s, res.StatusCode)
			}
			if _, body := c.get("/cases?status=" + s); !strings.Contains(body, `href="`+path+`"`) {
				t.Fatalf("the inbox filtered by %s misses the case", s)
			}
		}
		_, body := c.get(path + "?done=moved")
		for _, want := range []string{"وضعیت پرونده تغییر کرد", "وضعیت از «تازه» به «در دست کار» رفت.",
			"وضعیت از «در انتظار مشتری» به «حل‌شده» رفت.", `id="reopen-form"`, `<option value="in_progress">`} {
			if !strings.Contains(body, want) {
				t.Errorf("the case page lacks %q", want)
			}
		}
		c.post(path+"/close", url.Values{"root_cause": {"delivery_delay"}, "resolution": {"پیک عوض شد"}}, nil)
		res, body := c.post(path+"/reopen", url.Values{"reason": {"  "}}, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "دلیل بازگشایی را بنویسید") ||
			!strings.Contains(body, `aria-describedby="reason-error"`) {
			t.Fatalf("reopening without a reason: %d", res.StatusCode)
		}
		if res, _ = c.post(path+"/reopen", url.Values{"reason": {"مشتری دوباره زنگ زد"}}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("reopen: %d", res.StatusCode)
		}
		if cs, _ := loop.Get(t.Context(), db, f.ws1, id); cs.Status != loop.InProgress {
			t.Fatalf("reopened case is %s", cs.Status)
		}
		_, body = c.get(path + "?done=reopened")
		for _, want := range []string{"پرونده دوباره باز شد", "وضعیت از «حل‌شده» به «بسته» رفت.",
			"وضعیت از «بسته» به «در دست کار» رفت.", "دلیل بازگشایی: مشتری دوباره زنگ زد", `<span dir="auto">agent@a.test</span>`} {
			if !strings.Contains(body, want) {
				t.Errorf("the case page lacks %q", want)
			}
		}
		if strings.Contains(body, "user:agent") {
			t.Error("the history names the agent by the actor string, not the e-mail")
		}
	})
}

// TestBadCaseMoves: a move off the flow or a forged status is explained;
// a closed case cannot move but by reopening; another workspace's case
// is not found; a role that does not work cases is refused.
func TestBadCaseMoves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		id := f.openCase(t, f.ws1, f.cust1, "")
		other := f.openCase(t, f.ws2, f.cust2, "Napoli")
		c := f.signIn(t, "agent@a.test")
		path := fmt.Sprintf("/cases/%d", id)
		for _, s := range []string{loop.Closed, "lunch", ""} {
			res, body := c.post(path+"/status", url.Values{"status": {s}}, nil)
			if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "این وضعیت در این مرحله ممکن نیست") {
				t.Errorf("move to %q: %d", s, res.StatusCode)
			}
		}
		if res, _ := c.post(path+"/reopen", url.Values{"reason": {"چرا"}}, nil); res.StatusCode != http.StatusConflict {
			t.Errorf("reopening a new case: %d", res.StatusCode)
		}
		for _, p := range []string{"/status", "/reopen"} {
			res, _ := c.post(fmt.Sprintf("/cases/%d%s", other, p), url.Values{"status": {"in_progress"}, "reason": {"x"}}, nil)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("%s on Napoli's case: %d", p, res.StatusCode)
			}
		}
		v := f.signIn(t, "viewer@a.test")
		if res, _ := v.post(path+"/status", url.Values{"status": {"in_progress"}}, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("a viewer moved a case: %d", res.StatusCode)
		}
		if res, _ := c.post(path+"/status", url.Values{"status": {"in_progress"}}, http.Header{"Sec-Fetch-Site": {"cross-site"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a forged cross-site move: %d", res.StatusCode)
		}
		if cs, _ := loop.Get(t.Context(), db, f.ws1, id); cs.Status != loop.New {
			t.Fatalf("refused moves changed the case: %s", cs.Status)
		}
		if cs, _ := loop.Get(t.Context(), db, f.ws2, other); cs.Status != loop.New {
			t.Fatalf("Napoli's case changed: %s", cs.Status)
		}
	})
}
