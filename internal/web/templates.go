package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"

	"github.com/tajrobe/tajrobe/internal/journey"
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
	"add":  func(a, b int) int { return a + b },
	"list": func(n ...int) []int { return n },
	"deref": func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	},
	"chart": func(v *View, c *lineChart, title string) chartView {
		return chartView{V: v, Chart: c, Title: title}
	},
	"timeline": func(v *View, e []timeline.Entry, tps map[string]journey.Touchpoint) timelineView {
		return timelineView{V: v, Entries: e, Touchpoints: tps}
	},
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
