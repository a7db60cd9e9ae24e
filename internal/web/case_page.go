package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

// caseTimeline is how many timeline entries the case page shows.
const caseTimeline = 20

// caseData is one case with what an agent needs beside it: its history of
// notes and moves, the customer's profile and timeline, and the choices of
// its forms. Close, Note and Reason keep what was typed into a refused form.
type caseData struct {
	Case        *loop.Case
	Row         caseRow
	Notes       []caseNote
	Next        []string // the statuses the case may move to
	Customer    *customer.Customer
	Name        string
	Traits      []trait
	Timeline    []timeline.Entry
	Touchpoints map[string]journey.Touchpoint
	Members     []auth.Membership
	Teams       []loop.Team
	RootCauses  []loop.RootCause
	Close       loop.Closing
	Note        string
	Reason      string // the reason to reopen as typed
}

// casePage serves GET /cases/{id}; another workspace's case is not found.
func (c *Console) casePage(w http.ResponseWriter, r *http.Request, v *View) {
	d, err := c.caseData(r.Context(), v, r.PathValue("id"))
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageCase, d)
}

// caseID reads the case id of a URL; anything else is not found.
func caseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errs.E("web.case", errs.NotExist, "no case %q", s)
	}
	return id, nil
}

func (c *Console) caseData(ctx context.Context, v *View, idText string) (*caseData, error) {
	id, err := caseID(idText)
	if err != nil {
		return nil, err
	}
	ws, d := v.Workspace.ID, &caseData{}
	if d.Case, err = loop.Get(ctx, c.db, ws, id); err != nil {
		return nil, err
	}
	t, err := c.caseTable(ctx, v, []*loop.Case{d.Case})
	if err != nil {
		return nil, err
	}
	d.Row = t.Rows[0]
	notes, err := loop.Notes(ctx, c.db, ws, id)
	if err != nil {
		return nil, err
	}
	d.Notes, d.Next = history(notes), loop.Next(d.Case.Status)
	if err := c.caseCustomer(ctx, ws, d); err != nil {
		return nil, err
	}
	return d, c.caseForms(ctx, v, d)
}

// caseCustomer loads the customer's profile and latest timeline.
func (c *Console) caseCustomer(ctx context.Context, ws int64, d *caseData) error {
	var err error
	if d.Customer, err = customer.Get(ctx, c.db, ws, d.Case.CustomerID); err != nil {
		return err
	}
	d.Name, d.Traits = traits(d.Customer.Traits)
	d.Timeline, _, err = timeline.List(ctx, c.db, d.Customer.Members(), c.sources, "", caseTimeline)
	return err
}

// caseForms loads the choices of the case's forms.
func (c *Console) caseForms(ctx context.Context, v *View, d *caseData) error {
	var err error
	if d.Members, err = auth.Members(ctx, c.db, v.Workspace.ID); err != nil {
		return err
	}
	if d.Teams, err = loop.Teams(ctx, c.db, v.Workspace.ID); err != nil {
		return err
	}
	set, err := loop.LoadSettings(ctx, c.db, v.Workspace)
	d.RootCauses = set.RootCauses
	if err == nil {
		d.Touchpoints, err = c.touchpointsMap(ctx, v.Workspace.ID)
	}
	return err
}

// touchpointsMap maps the workspace's touchpoints by key.
func (c *Console) touchpointsMap(ctx context.Context, ws int64) (map[string]journey.Touchpoint, error) {
	tps, err := journey.ListTouchpoints(ctx, c.db, ws)
	m := make(map[string]journey.Touchpoint, len(tps))
	for _, t := range tps {
		m[t.Key] = t
	}
	return m, err
}
