package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/program"
)

// dryRunSample is how many of the newest customers a dry run tries when
// nobody is named.
const dryRunSample = 10

// dryRunData is the dry run page: the customers tried (as typed), what
// would happen to each, and the lines that named nobody.
type dryRunData struct {
	Program              *program.Program
	Who                  string
	Runs                 []dryRunRow
	Unknown              []string
	Entering, Kept, Held int
}

// dryRunRow is one customer walked through the program.
type dryRunRow struct {
	ID     int64
	Name   string
	Enters bool
	Kept   string // why they would not enter: conditions or reentry
	Trace  *program.Trace
	Holds  []hold
}

// hold is a guardrail that keeps or delays a message: consent, cap or
// quiet hours, at a step.
type hold struct{ Guardrail, Step string }

// programDryRun serves GET /programs/{id}/dry-run?who=: the named
// customers (any identity, one a line) or the newest ones, walked
// through the program from now, sending and storing nothing.
func (c *Console) programDryRun(w http.ResponseWriter, r *http.Request, v *View) {
	p, err := c.programOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	d := dryRunData{Program: p, Who: r.URL.Query().Get("who")}
	ids, err := c.dryRunCustomers(r, v, &d)
	for _, id := range ids {
		if err != nil {
			break
		}
		err = c.dryRunOne(r, v, &d, id)
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageProgramDryRun, d)
}

// dryRunCustomers finds the customers of the form's lines, or the newest.
func (c *Console) dryRunCustomers(r *http.Request, v *View, d *dryRunData) ([]int64, error) {
	if strings.TrimSpace(d.Who) == "" {
		return program.Candidates(r.Context(), c.db, v.Workspace.ID, dryRunSample)
	}
	var ids []int64
	for _, line := range splitList(d.Who) {
		found, err := customer.Find(r.Context(), c.db, v.Workspace.ID, v.Workspace.Region, line)
		switch {
		case errs.Is(err, errs.NotExist):
			d.Unknown = append(d.Unknown, line)
		case err != nil:
			return nil, err
		default:
			ids = append(ids, found.ID)
		}
	}
	return ids[:min(len(ids), 50)], nil
}

func (c *Console) dryRunOne(r *http.Request, v *View, d *dryRunData, id int64) error {
	ctx := r.Context()
	row := dryRunRow{ID: id}
	if cu, err := customer.Get(ctx, c.db, v.Workspace.ID, id); err == nil {
		row.Name = traitText(cu.Traits, "name", "first_name")
	}
	var err error
	if row.Enters, row.Kept, err = program.WouldEnter(ctx, c.db, v.Workspace, d.Program.ID, id); err != nil {
		return err
	}
	if row.Trace, err = program.Walk(ctx, c.db, v.Workspace, d.Program.ID, program.DryRun{CustomerID: id}); err != nil {
		return err
	}
	row.Holds = holdsOf(row.Trace)
	switch {
	case !row.Enters:
		d.Kept++
	case len(row.Holds) > 0:
		d.Entering++
		d.Held++
	default:
		d.Entering++
	}
	d.Runs = append(d.Runs, row)
	return nil
}

// holdsOf names the guardrails a dry run met, from its lines.
func holdsOf(tr *program.Trace) []hold {
	var out []hold
	for _, l := range tr.Lines {
		switch {
		case l.Kind == "would suppress" && strings.Contains(l.Detail, "frequency cap"):
			out = append(out, hold{"cap", l.Step})
		case l.Kind == "would suppress":
			out = append(out, hold{"consent", l.Step})
		case l.Kind == "would send" && strings.Contains(l.Detail, "held for quiet hours"):
			out = append(out, hold{"quiet", l.Step})
		}
	}
	if tr.Outcome == program.Exited && tr.Reason == "consent withdrawn" {
		out = append(out, hold{"consent", ""})
	}
	return out
}

// traitText is the first of the traits that holds text.
func traitText(t customer.Traits, names ...string) string {
	for _, n := range names {
		var s string
		if json.Unmarshal(t[n], &s) == nil && s != "" {
			return s
		}
	}
	return ""
}
