package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// TestEachRoleSeesAndChangesOnlyWhatItMay signs in as each role and opens
// every page and sends every kind of form: y means allowed, - refused.
func TestEachRoleSeesAndChangesOnlyWhatItMay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		pages := []string{"/overview", "/journey", "/journey/staff", "/customers", fmt.Sprintf("/customers/%d", f.cust1),
			"/settings/preferences", "/settings/touchpoints", "/settings/users", "/settings/keys"}
		want := map[string]string{ // pages, then: touchpoint, invite, key, preferences
			"owner":    "yyyyyyyyy yyyy",
			"admin":    "yyyyyyyyy yyyy",
			"analyst":  "yyyyyyy-- y--y",
			"agent":    "yyyyyy--- ---y",
			"marketer": "yyyyyy--- ---y",
			"viewer":   "yyy--y--- ---y",
		}
		for role, w := range want {
			c := f.signIn(t, role+"@a.test")
			got := ""
			for _, p := range pages {
				got += status(c.get(p))
			}
			got += " " + status(c.post("/settings/touchpoints", url.Values{"key": {"kiosk_" + role}, "name_fa": {"کیوسک"},
				"stage": {"purchase"}, "channel": {"store"}}, nil))
			got += status(c.post("/settings/users", url.Values{"email": {"new-" + role + "@a.test"}, "role": {"viewer"}}, nil))
			got += status(c.post("/settings/keys", url.Values{"name": {role}, "kind": {"write"}}, nil))
			got += status(c.post("/settings/preferences", url.Values{"language": {"fa"}}, nil))
			if got != w {
				t.Errorf("%s: %s, want %s", role, got, w)
			}
			_, body := c.get("/settings/preferences")
			if strings.Contains(body, `href="/settings/keys"`) != (w[8] == 'y') || strings.Contains(body, `href="/customers"`) != (w[3] == 'y') {
				t.Errorf("%s: the menu offers pages the role may not open (or hides allowed ones)", role)
			}
		}
	})
}

// status is y for a page shown or a form accepted (2xx, or a redirect
// that is not to sign-in) and - for a refusal, which must be a 403.
func status(res *http.Response, body string) string {
	switch {
	case res.StatusCode < 300, res.StatusCode == http.StatusSeeOther && !strings.HasPrefix(res.Header.Get("Location"), "/login"):
		return "y"
	case res.StatusCode == http.StatusForbidden && strings.Contains(body, "نقش شما اجازه این کار را نمی‌دهد"):
		return "-"
	}
	return fmt.Sprintf("[%d]", res.StatusCode)
}

func TestAdminCannotMakeOrChangeOwners(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		c := f.signIn(t, "admin@a.test")
		if res, _ := c.post("/settings/users", url.Values{"email": {"boss@a.test"}, "role": {"owner"}}, nil); res.StatusCode != http.StatusForbidden {
			t.Fatalf("admin made an owner: %d", res.StatusCode)
		}
		var owner int64
		db.QueryRow(t.Context(), "SELECT id FROM users WHERE email = 'owner@a.test'").Scan(&owner)
		if res, _ := c.post(fmt.Sprintf("/settings/users/%d/role", owner), url.Values{"role": {"viewer"}}, nil); res.StatusCode != http.StatusForbidden {
			t.Fatalf("admin demoted the owner: %d", res.StatusCode)
		}
	})
}
