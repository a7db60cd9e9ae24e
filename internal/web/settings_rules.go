package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
)

// rulesData is the loop rules: the list and the form of a new rule in its
// common shape, "when a score or signal is this low, open a case".
type rulesData struct {
	Rules       []rules.Rule
	Form        ruleForm
	Teams       []loop.Team
	Touchpoints []journey.Touchpoint
	Priorities  []string
	Editing     *rules.Rule // the rule the form edits; nil for a new one
	Complex     bool        // Editing has a shape the form cannot hold
}

// ruleForm is a rule as typed.
type ruleForm struct {
	Name, Trigger, Metric, Op, Value, Touchpoint, Reason, Team, Priority string
	Enabled                                                              bool
}

// readRuleForm reads the rule form of a request.
func readRuleForm(r *http.Request) ruleForm {
	p := r.PostFormValue
	return ruleForm{Name: p("name"), Trigger: p("trigger"), Metric: p("metric"), Op: p("op"), Value: p("value"),
		Touchpoint: p("touchpoint"), Reason: strings.TrimSpace(p("reason")), Team: p("team"), Priority: p("priority")}
}

// loopRules serves GET /settings/rules.
func (c *Console) loopRules(w http.ResponseWriter, r *http.Request, v *View) {
	d, err := c.rulesData(r, v, ruleForm{Trigger: rules.OnResponse, Metric: "nps", Op: rules.Lte, Value: "6", Priority: "normal"})
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageRules, d)
}

func (c *Console) rulesData(r *http.Request, v *View, f ruleForm) (rulesData, error) {
	d := rulesData{Form: f, Priorities: rules.Priorities}
	var err error
	if d.Rules, err = loop.Rules(r.Context(), c.db, v.Workspace.ID); err != nil {
		return d, err
	}
	if d.Teams, err = loop.Teams(r.Context(), c.db, v.Workspace.ID); err != nil {
		return d, err
	}
	d.Touchpoints, err = journey.ListTouchpoints(r.Context(), c.db, v.Workspace.ID)
	return d, err
}

// createRule serves POST /settings/rules; a rule that can never match,
// or names what does not exist, is refused with the field explained.
func (c *Console) createRule(w http.ResponseWriter, r *http.Request, v *View) {
	f := readRuleForm(r)
	f.Enabled = true
	rule, err := f.rule()
	if err == nil {
		err = c.db.InTx(withoutCancel(r), func(tx *store.Tx) error {
			return loop.SaveRule(r.Context(), tx, v.Workspace.ID, actor(v), &rule)
		})
	}
	if err != nil {
		d, lerr := c.rulesData(r, v, f)
		if lerr != nil {
			err = lerr
		}
		c.formError(w, r, v, pageRules, d, ruleError(err))
		return
	}
	http.Redirect(w, r, "/settings/rules?done=created", http.StatusSeeOther)
}

// rule builds the rule of the form: a response's score or an event's
// signal compared with the value opens a case.
func (f ruleForm) rule() (rules.Rule, error) {
	val, err := strconv.ParseFloat(strings.ReplaceAll(latin(strings.TrimSpace(f.Value)), "٫", "."), 64)
	if err != nil {
		return rules.Rule{}, errs.Field("web.rule", "value", "value %q is not a number", f.Value)
	}
	cond := rules.Condition{Kind: rules.Score, Metric: f.Metric, Op: f.Op, Value: &val}
	if f.Trigger == rules.OnEvent {
		cond = rules.Condition{Kind: rules.Signal, Op: f.Op, Value: &val}
	}
	return rules.Rule{Name: f.Name, Enabled: f.Enabled, Trigger: rules.Trigger{Kind: f.Trigger, Touchpoint: f.Touchpoint},
		When: []rules.Condition{cond},
		Then: []rules.Action{{Kind: rules.OpenCase, Reason: f.Reason, Team: f.Team, Priority: f.Priority}}}, nil
}

var indexPart = regexp.MustCompile(`\[\d+\]`)

// ruleError names a rule error by its last part ("when[0].value" is
// "value"), the form field it is about.
func ruleError(err error) error {
	f := errs.FieldOf(err)
	if f == "" {
		return err
	}
	f = indexPart.ReplaceAllString(f[strings.LastIndex(f, ".")+1:], "")
	return &errs.Error{Op: "web.rule", Kind: errs.KindOf(err), Field: "rule." + f, Msg: errs.Message(err), Err: err}
}
