// Package web serves the pages people open in a browser. Until the console
// lands it serves the home page: what is running and where to go next.
package web

import (
	"embed"
	"html/template"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/locale"
)

//go:embed templates/*.html
var templateFS embed.FS

// Pages renders the web pages from embedded templates parsed at start-up.
type Pages struct {
	tmpl    *template.Template
	catalog *locale.Catalog
	version string
}

// New parses the templates and message catalog.
func New(version string) (*Pages, error) {
	cat, err := locale.NewCatalog()
	if err != nil {
		return nil, err
	}
	p := &Pages{catalog: cat, version: version}
	p.tmpl, err = template.New("").Funcs(template.FuncMap{
		"t": func(lang, key string) string { return cat.T(lang, key) },
	}).ParseFS(templateFS, "templates/*.html")
	return p, err
}

// Home serves GET / in the visitor's language (?lang= or Accept-Language).
func (p *Pages) Home(w http.ResponseWriter, r *http.Request) {
	lang := r.URL.Query().Get("lang")
	if lang != "fa" && lang != "en" {
		lang = locale.ParseAcceptLanguage(r.Header.Get("Accept-Language"), []string{"fa", "en"})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'")
	data := map[string]string{"Lang": lang, "Dir": locale.Dir(lang), "Version": p.version}
	if err := p.tmpl.ExecuteTemplate(w, "home.html", data); err != nil {
		http.Error(w, "page failed", http.StatusInternalServerError)
	}
}
