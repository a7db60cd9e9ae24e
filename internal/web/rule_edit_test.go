package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// saveRule stores a rule in a workspace as the API would.
func (f *fixture) saveRule(t *testing.T, ws int64, r rules.Rule) int64 {
	t.Helper()
	ctx := context.Background()
	if err := f.db.InTx(ctx, func(tx *store.Tx) error { return loop.SaveRule(ctx, tx, ws, "test", &r) }); err != nil {
		t.Fatal(err)
	}
	return r.ID
}

func detractors(name string) rules.Rule {
	six := 6.0
	return rules.Rule{Name: name, Enabled: true, Trigger: rules.Trigger{Kind: rules.OnResponse},
		When: []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: &six}},
		Then: []rules.Action{{Kind: rules.OpenCase, Reason: "detractor", Priority: "normal"}}}
}

// TestEditAndDeleteARule opens a rule in the form, is refused an
// impossible value with the error beside the field and the form as typed,
// saves a change, then deletes the rule.
func TestEditAndDeleteARule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		id := f.saveRule(t, f.ws1, detractors("منتقدان"))
		c := f.signIn(t, "analyst@a.test")
		path := fmt.Sprintf("/settings/rules/%d", id)
		_, body := c.get("/settings/rules")
		if !strings.Contains(body, `href="`+path+`"`) {
			t.Fatal("the rules list has no link to edit the rule")
		}
		_, body = c.get(path)
		for _, want := range []string{`id="edit-rule"`, `value="منتقدان"`, `value="6"`, `value="detractor"`, `name="enabled" value="1" id="enabled" checked`,
			`formaction="` + path + `/delete"`, `data-confirm="این قاعده حذف شود؟`} {
			if !strings.Contains(body, want) {
				t.Errorf("the edit form lacks %q", want)
			}
		}
		form := url.Values{"name": {"منتقدان سخت"}, "trigger": {"response"}, "metric": {"nps"}, "op": {"gte"}, "value": {"۱۱"},
			"reason": {"detractor"}, "priority": {"urgent"}}
		res, body := c.post(path, form, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, `<p class="field-error" id="value-error">این مقدار ممکن نیست`) ||
			!strings.Contains(body, `value="منتقدان سخت"`) || !strings.Contains(body, `aria-describedby="value-error"`) {
			t.Fatalf("an impossible value: %d", res.StatusCode)
		}
		form.Set("op", "lte")
		form.Set("value", "۴")
		if res, _ = c.post(path, form, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", res.StatusCode)
		}
		r, err := loop.GetRule(t.Context(), db, f.ws1, id)
		if err != nil || r.Name != "منتقدان سخت" || *r.When[0].Value != 4 || r.Then[0].Priority != "urgent" || r.Enabled {
			t.Fatalf("saved rule = %+v, %v", r, err)
		}
		if res, _ = c.post(path+"/delete", nil, nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %d", res.StatusCode)
		}
		if _, err := loop.GetRule(t.Context(), db, f.ws1, id); err == nil {
			t.Fatal("the rule is still there")
		}
		if res, _ = c.get(path); res.StatusCode != http.StatusNotFound {
			t.Fatalf("a deleted rule: %d", res.StatusCode)
		}
	})
}

// TestBadRuleEdits: another workspace's rule is not found; a role that
// may not manage the loop is refused; a rule the form cannot hold is not
// overwritten by it; a forged cross-site delete is refused.
func TestBadRuleEdits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		other := f.saveRule(t, f.ws2, detractors("Napoli"))
		complexRule := detractors("دو شرط")
		complexRule.When = append(complexRule.When, rules.Condition{Kind: rules.CommentContains, Values: []string{"دیر"}})
		cx := f.saveRule(t, f.ws1, complexRule)
		c := f.signIn(t, "owner@a.test")
		form := url.Values{"name": {"x"}, "trigger": {"response"}, "metric": {"nps"}, "op": {"lte"}, "value": {"6"}, "reason": {"x"}, "priority": {"low"}}
		for _, p := range []string{"", "/delete"} {
			if res, _ := c.post(fmt.Sprintf("/settings/rules/%d%s", other, p), form, nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("POST Napoli's rule%s: %d", p, res.StatusCode)
			}
		}
		for _, p := range []string{fmt.Sprintf("/settings/rules/%d", other), "/settings/rules/abc"} {
			if res, _ := c.get(p); res.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d", p, res.StatusCode)
			}
		}
		_, body := c.get(fmt.Sprintf("/settings/rules/%d", cx))
		if !strings.Contains(body, `id="rule-complex"`) || strings.Contains(body, `id="edit-rule"`) {
			t.Error("a rule of two conditions is offered in the simple form")
		}
		if res, _ := c.post(fmt.Sprintf("/settings/rules/%d", cx), form, nil); res.StatusCode != http.StatusConflict {
			t.Errorf("overwriting a complex rule: %d", res.StatusCode)
		}
		if r, _ := loop.GetRule(t.Context(), db, f.ws1, cx); len(r.When) != 2 {
			t.Fatal("the complex rule was overwritten")
		}
		if res, _ := c.post(fmt.Sprintf("/settings/rules/%d/delete", cx), nil, http.Header{"Sec-Fetch-Site": {"cross-site"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("a cross-site delete: %d", res.StatusCode)
		}
		a := f.signIn(t, "agent@a.test")
		for _, p := range []string{"", "/delete"} {
			if res, _ := a.post(fmt.Sprintf("/settings/rules/%d%s", cx, p), form, nil); res.StatusCode != http.StatusForbidden {
				t.Errorf("an agent POST rule%s: %d", p, res.StatusCode)
			}
		}
		if r, err := loop.GetRule(t.Context(), db, f.ws2, other); err != nil || r.Name != "Napoli" {
			t.Fatalf("Napoli's rule changed: %+v %v", r, err)
		}
		if _, err := loop.GetRule(t.Context(), db, f.ws1, cx); err != nil {
			t.Fatal("a refused delete deleted the rule")
		}
	})
}
