package web

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

// timelinePage is how many timeline entries one page of the profile shows.
const timelinePage = 30

// customerData is Customer 360: the profile, its identities and consent,
// and a page of the timeline of everything that happened.
type customerData struct {
	Customer    *customer.Customer
	Name        string
	Traits      []trait
	Timeline    []timeline.Entry
	Next        string
	Touchpoints map[string]journey.Touchpoint
}

type trait struct{ Key, Value string }

// customer360 serves GET /customers/{id}; another workspace's customer is
// not found, a merged one leads to the customer it joined.
func (c *Console) customer360(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws := r.Context(), v.Workspace.ID
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		c.fail(w, r, v, errs.E("web.customer", errs.NotExist, "no customer %q", r.PathValue("id")))
		return
	}
	d := customerData{}
	if d.Customer, err = customer.Get(ctx, c.db, ws, id); err != nil {
		c.fail(w, r, v, err)
		return
	}
	if d.Customer.ID != id {
		http.Redirect(w, r, "/customers/"+strconv.FormatInt(d.Customer.ID, 10), http.StatusSeeOther)
		return
	}
	d.Name, d.Traits = traits(d.Customer.Traits)
	d.Timeline, d.Next, err = timeline.List(ctx, c.db, d.Customer.Members(), c.sources, r.URL.Query().Get("after"), timelinePage)
	if err == nil {
		d.Touchpoints, err = c.touchpointsByKey(r, ws)
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageCustomer, d)
}

// traits lists a profile's traits by key, as text, and picks its name.
func traits(t customer.Traits) (string, []trait) {
	var name string
	out := []trait{}
	for k, raw := range t {
		var s string
		if json.Unmarshal(raw, &s) != nil {
			s = string(raw)
		}
		if k == "name" {
			name = s
		}
		out = append(out, trait{k, s})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return name, out
}

// touchpointsByKey maps a workspace's touchpoint keys to their touchpoints,
// so pages can name them in the viewer's language.
func (c *Console) touchpointsByKey(r *http.Request, ws int64) (map[string]journey.Touchpoint, error) {
	tps, err := journey.ListTouchpoints(r.Context(), c.db, ws)
	m := make(map[string]journey.Touchpoint, len(tps))
	for _, t := range tps {
		m[t.Key] = t
	}
	return m, err
}
