package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/loop"
)

// inboxPage is how many cases one page of the inbox lists.
const inboxPage = 50

// casesData is the inbox: the filters as chosen, their choices, and one
// page of cases.
type casesData struct {
	Status, Touchpoint string
	Owner, Team        int64
	Overdue            bool
	Table              caseTable
	Next               string // the query of the next page, "" at the end
	Statuses           []string
	Members            []auth.Membership
	Teams              []loop.Team
	Touchpoints        []journey.Touchpoint
}

// cases serves GET /cases: open cases by default, newest first.
func (c *Console) cases(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws, q := r.Context(), v.Workspace.ID, r.URL.Query()
	d := casesData{Status: q.Get("status"), Touchpoint: q.Get("touchpoint"), Overdue: q.Get("overdue") == "1", Statuses: loop.Statuses}
	f, err := inboxFilter(q, &d)
	var cases []*loop.Case
	var next string
	if err == nil {
		cases, next, err = loop.List(ctx, c.db, ws, f)
	}
	if err == nil {
		d.Table, err = c.caseTable(ctx, v, cases)
	}
	if err == nil {
		d.Members, d.Teams, d.Touchpoints, err = c.caseChoices(r, ws)
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	if next != "" {
		q.Set("after", next)
		d.Next = q.Encode()
	}
	c.render(w, r, http.StatusOK, v, pageCases, d)
}

// inboxFilter reads the inbox's filters: status ("open" for every status
// but closed, the default), owner, team, touchpoint, overdue, after.
func inboxFilter(q url.Values, d *casesData) (loop.Filter, error) {
	f := loop.Filter{Touchpoint: d.Touchpoint, Overdue: d.Overdue, Cursor: q.Get("after"), Limit: inboxPage}
	switch d.Status {
	case "", "open":
		d.Status = "open"
		f.Status = []string{loop.New, loop.InProgress, loop.WaitingOnCustomer, loop.Resolved}
	case "all":
	default:
		f.Status = []string{d.Status}
	}
	for name, dst := range map[string]*int64{"owner": &d.Owner, "team": &d.Team} {
		if s := q.Get(name); s != "" {
			n, err := strconv.ParseInt(latin(s), 10, 64)
			if err != nil {
				return f, errs.Field("web.cases", name, "%s %q is not a number", name, s)
			}
			*dst = n
		}
	}
	f.OwnerID, f.TeamID = d.Owner, d.Team
	return f, nil
}

// caseChoices loads what the case forms offer: members, teams, touchpoints.
func (c *Console) caseChoices(r *http.Request, ws int64) ([]auth.Membership, []loop.Team, []journey.Touchpoint, error) {
	ms, err := auth.Members(r.Context(), c.db, ws)
	if err != nil {
		return nil, nil, nil, err
	}
	teams, err := loop.Teams(r.Context(), c.db, ws)
	if err != nil {
		return nil, nil, nil, err
	}
	tps, err := journey.ListTouchpoints(r.Context(), c.db, ws)
	return ms, teams, tps, err
}
