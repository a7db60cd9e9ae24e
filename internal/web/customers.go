package web

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
)

// customersData is the search page: what was asked.
type customersData struct {
	Query string
}

// customers serves GET /customers?q=: any identity, as typed, finds the
// customer and goes to their page.
func (c *Console) customers(w http.ResponseWriter, r *http.Request, v *View) {
	d := customersData{Query: r.URL.Query().Get("q")}
	if d.Query == "" {
		c.render(w, r, http.StatusOK, v, pageCustomers, d)
		return
	}
	found, err := customer.Find(r.Context(), c.db, v.Workspace.ID, v.Workspace.Region, d.Query)
	if err == nil {
		http.Redirect(w, r, "/customers/"+strconv.FormatInt(found.ID, 10), http.StatusSeeOther)
		return
	}
	if !errs.Is(err, errs.NotExist) {
		c.formError(w, r, v, pageCustomers, d, err)
		return
	}
	c.renderPage(w, r, http.StatusNotFound, pageCustomers, page{V: v, Data: d, Error: v.T("console.customers.none")})
}
