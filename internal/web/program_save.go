package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
)

// createProgram serves POST /programs: a new draft, or the form again
// with a step added or removed.
func (c *Console) createProgram(w http.ResponseWriter, r *http.Request, v *View) {
	c.saveProgramForm(w, r, v, nil)
}

// saveProgram serves POST /programs/{id}; saving a running program makes
// a new version, and customers inside stay on theirs.
func (c *Console) saveProgram(w http.ResponseWriter, r *http.Request, v *View) {
	p, err := c.programOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.saveProgramForm(w, r, v, p)
}

func (c *Console) saveProgramForm(w http.ResponseWriter, r *http.Request, v *View, old *program.Program) {
	f := readProgramForm(r)
	if old != nil {
		f.Version, f.Status = old.Version, old.Status
	}
	if op := r.PostFormValue("op"); op != "" && op != "save" {
		f.edit(op, r.PostFormValue("add_kind"))
		c.renderEditor(w, r, v, http.StatusOK, old, f, nil)
		return
	}
	p, err := f.program()
	if err == nil {
		if old != nil {
			p.ID = old.ID
		}
		err = c.db.InTx(withoutCancel(r), func(tx *store.Tx) error {
			return program.Save(r.Context(), tx, v.Workspace, actor(v), p)
		})
	}
	if err != nil {
		c.renderEditor(w, r, v, http.StatusBadRequest, old, f, err)
		return
	}
	done := "saved"
	if old == nil {
		done = "created"
	}
	http.Redirect(w, r, programPath(p.ID)+"?done="+done, http.StatusSeeOther)
}

// edit adds a step of kind at the end ("add"), or removes step i
// ("remove:i"), leaving the rest as typed.
func (f *programForm) edit(op, kind string) {
	if op == "add" {
		if kind == "" {
			kind = program.Wait
		}
		f.Steps = append(f.Steps, stepForm{Kind: kind})
		return
	}
	if i, err := strconv.Atoi(strings.TrimPrefix(op, "remove:")); err == nil && i >= 0 && i < len(f.Steps) {
		f.Steps = append(f.Steps[:i], f.Steps[i+1:]...)
	}
}

// statusMoves are the buttons a program's page offers, by its status.
var statusMoves = map[string][]string{
	program.Draft:  {program.Active, program.Archived},
	program.Active: {program.Paused, program.Archived},
	program.Paused: {program.Active, program.Archived},
}

// programStatus serves POST /programs/{id}/status: activate, pause,
// resume or archive.
func (c *Console) programStatus(w http.ResponseWriter, r *http.Request, v *View) {
	p, err := c.programOf(r, v)
	to := r.PostFormValue("to")
	if err == nil {
		err = c.db.InTx(withoutCancel(r), func(tx *store.Tx) error {
			_, err := program.SetStatus(r.Context(), tx, v.Workspace, actor(v), p.ID, to)
			return err
		})
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	http.Redirect(w, r, programPath(p.ID)+"?done=program_"+to, http.StatusSeeOther)
}
