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

// TestAnotherWorkspacesIdsAreNotFound uses, from آریا's owner, the ids of
// Napoli's customer, touchpoint, key and member: each is a 404, and
// nothing of Napoli changes.
func TestAnotherWorkspacesIdsAreNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "owner@a.test")
		reqs := []struct {
			method, path string
			form         url.Values
		}{
			{"GET", fmt.Sprintf("/customers/%d", f.cust2), nil},
			{"GET", "/customers/abc", nil},
			{"GET", "/journey/ws2_only", nil},
			{"GET", "/settings/touchpoints/ws2_only", nil},
			{"POST", "/settings/touchpoints/ws2_only", url.Values{"name_en": {"Hijacked"}, "stage": {"use"}, "channel": {"store"}}},
			{"POST", fmt.Sprintf("/settings/keys/%d/revoke", f.key2), url.Values{}},
			{"POST", fmt.Sprintf("/settings/users/%d/role", f.user2), url.Values{"role": {"viewer"}}},
			{"POST", "/workspace", url.Values{"workspace_id": {fmt.Sprint(f.ws2)}}},
		}
		for _, r := range reqs {
			res, body := c.do(r.method, r.path, r.form, nil)
			if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "متعلق به فضای کاری دیگری") {
				t.Errorf("%s %s: %d", r.method, r.path, res.StatusCode)
			}
		}
		if _, body := c.get("/customers?q=09127654321"); !strings.Contains(body, "هیچ مشتری‌ای در این فضای کاری") {
			t.Error("a search found another workspace's customer")
		}
		ks, _ := auth.ListKeys(t.Context(), db, f.ws2)
		role, _ := auth.RoleOf(t.Context(), db, f.ws2, f.user2)
		if ks[0].RevokedAt != nil || role != auth.Agent {
			t.Fatal("another workspace changed")
		}
	})
}

func TestWorkspaceSwitcher(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		err := db.InTx(t.Context(), func(tx *store.Tx) error {
			_, err := auth.AddMember(t.Context(), tx, "analyst@a.test", f.ws2, auth.Viewer)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		c := f.signIn(t, "analyst@a.test")
		if _, body := c.get("/overview"); !strings.Contains(body, `name="workspace_id"`) || !strings.Contains(body, "Napoli") {
			t.Fatal("no workspace switcher for a member of two workspaces")
		}
		if res, _ := c.post("/workspace", url.Values{"workspace_id": {fmt.Sprint(f.ws2)}}, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("switch: %d", res.StatusCode)
		}
		if res, _ := c.get("/journey/ws2_only"); res.StatusCode != 200 {
			t.Fatalf("after the switch: %d", res.StatusCode)
		}
		if res, _ := c.get("/settings/touchpoints"); res.StatusCode != http.StatusForbidden {
			t.Fatalf("a viewer in Napoli manages touchpoints: %d", res.StatusCode)
		}
	})
}
