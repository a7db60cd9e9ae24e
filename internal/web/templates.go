package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

// pageTemplate is one page: the layout and shared parts plus the page's
// own file, which defines "title" and "content".
type pageTemplate struct {
	*template.Template
	bare bool // rendered without the signed-in chrome (sign-in, errors before sign-in)
}

// parsePages parses the layout and every file in templates/pages into one
// template set per page.
func parsePages() (map[string]*pageTemplate, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(assets, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*pageTemplate{}
	for _, f := range files {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(assets, f); err != nil {
			return nil, fmt.Errorf("web: %s: %w", f, err)
		}
		name := strings.TrimSuffix(path.Base(f), ".html")
		pages[name] = &pageTemplate{Template: t, bare: name == pageLogin}
	}
	return pages, nil
}

// funcs are the few helpers that need no request; everything that depends
// on the viewer's language is a method of View.
var funcs = template.FuncMap{
	"add":   func(a, b int) int { return a + b },
	"fadd":  func(a, b any) float64 { return num(a) + num(b) },
	"fsub":  func(a, b any) float64 { return num(a) - num(b) },
	"fmul":  func(a, b any) float64 { return num(a) * num(b) },
	"fdiv":  func(a, b any) float64 { return num(a) / num(b) },
	"list":  func(n ...int) []int { return n },
	"list2": func(s ...string) []string { return s },
	"deref": func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	},
	"chart": func(v *View, c *lineChart, title string) chartView {
		return chartView{V: v, Chart: c, Title: title}
	},
	"qform": func(v *View, field, prefix string, f questionForm, kinds []survey.Kind) qformView {
		return qformView{V: v, Field: field, P: prefix, F: f, Kinds: kinds}
	},
	"timeline": func(v *View, e []timeline.Entry, tps map[string]journey.Touchpoint) timelineView {
		return timelineView{V: v, Entries: e, Touchpoints: tps}
	},
}

// qformView is what a question form's fields show: the form, the field
// in error and a prefix that keeps the ids of several forms apart.
type qformView struct {
	V        *View
	Field, P string
	F        questionForm
	Kinds    []survey.Kind
}

// timelineView is what the timeline template lists: entries and the
// touchpoints that name them.
type timelineView struct {
	V           *View
	Entries     []timeline.Entry
	Touchpoints map[string]journey.Touchpoint
}

// chartView is what the linechart template draws: a chart and its title.
type chartView struct {
	V     *View
	Chart *lineChart
	Title string
}

// num reads an int or float64 for the arithmetic helpers of templates.
func num(a any) float64 {
	switch n := a.(type) {
	case int:
		return float64(n)
	case int64:
		return float64(n)
	case float64:
		return n
	}
	return 0
}
