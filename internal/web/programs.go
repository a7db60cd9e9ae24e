package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/program"
)

// programStatuses are the statuses the list filters by, in its order.
var programStatuses = []string{program.Draft, program.Active, program.Paused, program.Archived}

// programsData is the programs list: each program with its figures, and
// the status it is filtered by ("" for all).
type programsData struct {
	Rows     []programRow
	Statuses []string
	Status   string
}

// programRow is one program in the list.
type programRow struct {
	program.Program
	Sum program.Summary
}

// programs serves GET /programs?status=.
func (c *Console) programs(w http.ResponseWriter, r *http.Request, v *View) {
	d := programsData{Statuses: programStatuses, Status: r.URL.Query().Get("status")}
	if d.Status != "" && !slices.Contains(programStatuses, d.Status) {
		d.Status = ""
	}
	all, err := program.List(r.Context(), c.db, v.Workspace.ID)
	var sums map[int64]*program.Summary
	if err == nil {
		sums, err = program.Summaries(r.Context(), c.db, v.Workspace.ID)
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	for _, p := range all {
		if d.Status == "" || p.Status == d.Status {
			row := programRow{Program: p}
			if s := sums[p.ID]; s != nil {
				row.Sum = *s
			}
			d.Rows = append(d.Rows, row)
		}
	}
	c.render(w, r, http.StatusOK, v, pagePrograms, d)
}

// programOf loads the program of the URL in the viewer's workspace; any
// other id is not found.
func (c *Console) programOf(r *http.Request, v *View) (*program.Program, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return nil, errs.E("web.program", errs.NotExist, "no program %q", r.PathValue("id"))
	}
	return program.Get(r.Context(), c.db, v.Workspace.ID, id)
}

// programPath is a program's page.
func programPath(id int64) string { return "/programs/" + strconv.FormatInt(id, 10) }

// The programs pages, registered with the others.
const (
	pagePrograms      = "programs"
	pageProgram       = "program"
	pageProgramDryRun = "program_dry_run"
)

func init() { allPages = append(allPages, pagePrograms, pageProgram, pageProgramDryRun) }
