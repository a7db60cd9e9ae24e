package web

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/problem"
)

var (
	// conditionPart cuts a field inside a list of conditions or names
	// back to the list's box: "trigger.when[0].op" is "trigger.when".
	conditionPart = regexp.MustCompile(`^(.*?\.(when|properties|events))\[.*$`)
	anyIndex      = regexp.MustCompile(`\[\d+\]`)
	templateLang  = regexp.MustCompile(`\.template\.(fa|en)\.`)
)

// programField is the form field an error of program.Validate is shown
// beside: its own name, or the box of conditions it is in.
func programField(err error) string {
	return conditionPart.ReplaceAllString(errs.FieldOf(err), "$1")
}

// programMessage explains a program error in lang: by the field, with
// indexes left out ("steps[2].for" is "steps.for"; a whole step
// "steps[2]" is "step"), and failing that by the field's parents.
func (c *Console) programMessage(lang string, err error) string {
	f := programField(err)
	if f == "" {
		return c.message(lang, err)
	}
	if strings.HasSuffix(f, "]") && strings.HasPrefix(f, "steps[") && !strings.Contains(f, ".") {
		f = "step"
	}
	f = templateLang.ReplaceAllString(anyIndex.ReplaceAllString(f, ""), ".template.")
	for ; f != ""; f = f[:max(strings.LastIndex(f, "."), 0)] {
		if key := "console.invalid.program." + f; c.cat.Has(lang, key) {
			return c.cat.T(lang, key)
		}
	}
	return c.message(lang, err)
}

// programFormError shows the editor again with the error above the form
// and beside its field, keeping what was typed.
func (c *Console) programFormError(w http.ResponseWriter, r *http.Request, v *View, d editorData, err error) {
	status := problem.Status(err)
	if status >= 500 {
		c.fail(w, r, v, err)
		return
	}
	c.renderPage(w, r, status, pageProgram, page{V: v, Data: d, Error: c.programMessage(v.Lang, err), Field: programField(err)})
}

// ErrAt is the page's error when it is about the field named by format
// and args ("steps[%d].for", 2), else "": for the message beside a field.
func (p page) ErrAt(format string, args ...any) string {
	if p.Field != "" && p.Field == fmt.Sprintf(format, args...) {
		return p.Error
	}
	return ""
}

// stepView is what one step's fields show: the page (for errors and the
// viewer), the step's index and form, and the editor's lists.
type stepView struct {
	P page
	I int
	S stepForm
	D editorData
}

// Step is the view of the editor's step i.
func (p page) Step(i int) stepView {
	d := p.Data.(editorData)
	return stepView{P: p, I: i, S: d.Form.Steps[i], D: d}
}

// Err is the page's error when it is about the step's field name.
func (s stepView) Err(name string) string {
	if name == "" {
		return s.P.ErrAt("steps[%d]", s.I)
	}
	return s.P.ErrAt("steps[%d].%s", s.I, name)
}
