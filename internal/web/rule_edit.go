package web

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
)

// editRule serves GET /settings/rules/{id}: the rules page with the form
// holding rule {id}. A rule of a shape the form cannot hold (made through
// the API) is shown as it is, to be deleted but not edited here.
func (c *Console) editRule(w http.ResponseWriter, r *http.Request, v *View) {
	rule, err := c.ruleOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	f, ok := formOfRule(rule)
	d, err := c.rulesData(r, v, f)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	d.Editing, d.Complex = rule, !ok
	c.render(w, r, http.StatusOK, v, pageRules, d)
}

// saveRule serves POST /settings/rules/{id}: the rule is replaced by the
// form, checked as a new one is; a refused form comes back as typed.
func (c *Console) saveRule(w http.ResponseWriter, r *http.Request, v *View) {
	old, err := c.ruleOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	f := readRuleForm(r)
	f.Enabled = r.PostFormValue("enabled") == "1"
	rule, err := f.rule()
	if _, simple := formOfRule(old); !simple {
		err = errs.E("web.rule", errs.Conflict, "rule %d has a shape this form cannot hold; change it through the API", old.ID)
	}
	if err == nil {
		rule.ID = old.ID
		err = c.db.InTx(withoutCancel(r), func(tx *store.Tx) error {
			return loop.SaveRule(r.Context(), tx, v.Workspace.ID, actor(v), &rule)
		})
	}
	if err != nil {
		c.ruleRefused(w, r, v, f, old, err)
		return
	}
	http.Redirect(w, r, "/settings/rules?done=saved", http.StatusSeeOther)
}

// deleteRule serves POST /settings/rules/{id}/delete; the cases the rule
// opened stay.
func (c *Console) deleteRule(w http.ResponseWriter, r *http.Request, v *View) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		c.fail(w, r, v, errs.E("web.rule", errs.NotExist, "no rule %q", r.PathValue("id")))
		return
	}
	err = c.db.InTx(withoutCancel(r), func(tx *store.Tx) error {
		return loop.DeleteRule(r.Context(), tx, v.Workspace.ID, actor(v), id)
	})
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	http.Redirect(w, r, "/settings/rules?done=deleted", http.StatusSeeOther)
}

// ruleOf reads rule {id} of the viewer's workspace; any other is not found.
func (c *Console) ruleOf(r *http.Request, v *View) (*rules.Rule, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, errs.E("web.rule", errs.NotExist, "no rule %q", r.PathValue("id"))
	}
	return loop.GetRule(r.Context(), c.db, v.Workspace.ID, id)
}

// ruleRefused shows the rules page again with the edited rule's form as
// typed and the error beside its field.
func (c *Console) ruleRefused(w http.ResponseWriter, r *http.Request, v *View, f ruleForm, old *rules.Rule, err error) {
	d, lerr := c.rulesData(r, v, f)
	if lerr != nil {
		err = lerr
	}
	_, simple := formOfRule(old)
	d.Editing, d.Complex = old, !simple
	c.formError(w, r, v, pageRules, d, ruleError(err))
}

// formOfRule puts a rule into the form's shape, "when a score or signal
// is this low or high, open a case"; ok is false for any other shape.
func formOfRule(r *rules.Rule) (f ruleForm, ok bool) {
	f = ruleForm{Name: r.Name, Trigger: r.Trigger.Kind, Touchpoint: r.Trigger.Touchpoint, Enabled: r.Enabled}
	t := r.Trigger
	if len(r.When) != 1 || len(r.Then) != 1 || t.Channel != "" || t.SurveyID != 0 || t.Event != "" || t.Reason != "" {
		return f, false
	}
	w, a := r.When[0], r.Then[0]
	if w.Value == nil || (w.Op != rules.Lte && w.Op != rules.Gte) || a.Kind != rules.OpenCase || a.Title != "" ||
		!(t.Kind == rules.OnResponse && w.Kind == rules.Score || t.Kind == rules.OnEvent && w.Kind == rules.Signal) {
		return f, false
	}
	f.Metric, f.Op, f.Value = w.Metric, w.Op, strconv.FormatFloat(*w.Value, 'f', -1, 64)
	f.Reason, f.Team, f.Priority = a.Reason, a.Team, a.Priority
	if f.Metric == "" {
		f.Metric = "nps"
	}
	return f, w.Touchpoint == "" && len(w.Values) == 0
}
