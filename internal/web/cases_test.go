package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// openCase opens a case for a customer of a workspace.
func (f *fixture) openCase(t *testing.T, ws, cust int64, title string) int64 {
	t.Helper()
	ctx := context.Background()
	w, err := workspace.Get(ctx, f.db, ws)
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	err = f.db.InTx(ctx, func(tx *store.Tx) error {
		c, _, err := loop.Open(ctx, tx, w, "test", &loop.Opening{CustomerID: cust, Reason: "detractor", Title: title, Touchpoint: "staff"})
		if err == nil {
			id = c.ID
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestCloseCaseNeedsARootCause works a case from the inbox to closed: a
// note, an escalation, a refused closing that says why and keeps what
// was typed, then a closing with a root cause from the list.
func TestCloseCaseNeedsARootCause(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		id := f.openCase(t, f.ws1, f.cust1, `<script>alert("case")</script> بد`)
		c := f.signIn(t, "agent@a.test")
		_, body := c.get("/cases?status=open&overdue=")
		if !strings.Contains(body, fmt.Sprintf(`href="/cases/%d"`, id)) || strings.Contains(body, `<script>alert("case")`) {
			t.Fatalf("the inbox does not list the case, or shows its title as markup")
		}
		if _, body = c.get("/cases?owner=abc"); !strings.Contains(body, "مسئول را از فهرست") {
			t.Errorf("a bad owner filter is not explained")
		}
		path := fmt.Sprintf("/cases/%d", id)
		if res, _ := c.post(path+"/note", url.Values{"body": {"زنگ زدم 🙂"}, "kind": {"contact"}}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("note: %d", res.StatusCode)
		}
		if res, _ := c.post(path+"/escalate", url.Values{"body": {"مشتری ویژه"}}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("escalate: %d", res.StatusCode)
		}
		res, body := c.post(path+"/close", url.Values{"resolution": {"پول برگشت"}}, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "علت ریشه‌ای را از فهرست") || !strings.Contains(body, "پول برگشت</textarea>") {
			t.Fatalf("closing without a root cause: %d", res.StatusCode)
		}
		if res, _ = c.post(path+"/close", url.Values{"root_cause": {"staff_behaviour"}, "resolution": {"پول برگشت"}}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("close: %d", res.StatusCode)
		}
		cs, _ := loop.Get(t.Context(), db, f.ws1, id)
		if cs.Status != loop.Closed || cs.RootCause != "staff_behaviour" || cs.Priority != "high" || cs.FirstResponseAt == nil {
			t.Fatalf("case after closing: %+v", cs)
		}
		_, body = c.get(path + "?done=closed")
		if !strings.Contains(body, "پرونده بسته شد") || !strings.Contains(body, "زنگ زدم 🙂") || !strings.Contains(body, `id="timeline"`) {
			t.Error("the case page lacks the flash, the note or the customer's timeline")
		}
	})
}

// TestCasesOfAnotherWorkspaceAreNotFound uses Napoli's case id from آریا.
func TestCasesOfAnotherWorkspaceAreNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		other := f.openCase(t, f.ws2, f.cust2, "Napoli")
		c := f.signIn(t, "owner@a.test")
		for _, p := range []string{"", "/note", "/close", "/escalate", "/assign"} {
			method, form := "POST", url.Values{"body": {"x"}, "root_cause": {"price"}, "resolution": {"x"}, "owner_id": {"1"}}
			if p == "" {
				method, form = "GET", nil
			}
			res, _ := c.do(method, fmt.Sprintf("/cases/%d%s", other, p), form, nil)
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("%s /cases/%d%s: %d", method, other, p, res.StatusCode)
			}
		}
		if cs, _ := loop.Get(t.Context(), db, f.ws2, other); cs.Status != loop.New {
			t.Fatalf("Napoli's case changed: %s", cs.Status)
		}
	})
}
