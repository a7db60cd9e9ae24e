package web

import (
	"bytes"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/problem"
)

// page is the data of every page: the view and the page's own data.
type page struct {
	V     *View
	Data  any
	Error string // a localised message about the request, shown on top
	Field string // the form field the error is about
}

// render writes the named page with status. Rendering goes to a buffer
// first so a template failure becomes a clean 500, not half a page.
func (c *Console) render(w http.ResponseWriter, r *http.Request, status int, v *View, name string, data any) {
	c.renderPage(w, r, status, name, page{V: v, Data: data})
}

func (c *Console) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	t, ok := c.pages[name]
	if !ok {
		c.log.Error("no such page template", "page", name)
		http.Error(w, "page template missing", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		c.log.Error("render page", "page", name, "err", err, "request_id", problem.RequestID(r))
		http.Error(w, "page failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail shows err as a page in the viewer's language. A form that was
// refused is shown again by its handler with formError instead.
func (c *Console) fail(w http.ResponseWriter, r *http.Request, v *View, err error) {
	status := problem.Status(err)
	if status >= 500 {
		c.log.Error("console", "path", r.URL.Path, "err", err, "request_id", problem.RequestID(r))
	}
	c.renderPage(w, r, status, pageError, page{V: v, Error: c.message(v.Lang, err)})
}

// formError renders name again with err explained above the form, keeping
// what the person typed (data holds it).
func (c *Console) formError(w http.ResponseWriter, r *http.Request, v *View, name string, data any, err error) {
	status := problem.Status(err)
	if status >= 500 {
		c.fail(w, r, v, err)
		return
	}
	c.renderPage(w, r, status, name, page{V: v, Data: data, Error: c.message(v.Lang, err), Field: errs.FieldOf(err)})
}

// message explains err in lang from the catalog: by the field it is about
// when the catalog knows the field, else by its kind. Domain messages are
// English, so they are never shown to a Persian reader as they are.
func (c *Console) message(lang string, err error) string {
	if f := errs.FieldOf(err); f != "" && c.cat.Has(lang, "console.invalid."+f) {
		return c.cat.T(lang, "console.invalid."+f)
	}
	key := "console.error." + errs.KindOf(err).String()
	if c.cat.Has(lang, key) {
		return c.cat.T(lang, key)
	}
	return c.cat.T(lang, "ui.error")
}
