package web

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
)

// caseAction runs one change to case {id} in a transaction and goes back
// to the case, saying what was done; a refused change shows the case page
// again with the reason and, through keep, what was typed.
func (c *Console) caseAction(w http.ResponseWriter, r *http.Request, v *View, done string,
	do func(tx *store.Tx, id int64) error, keep func(d *caseData)) {
	ctx := withoutCancel(r)
	id, err := caseID(r.PathValue("id"))
	if err == nil {
		err = c.db.InTx(ctx, func(tx *store.Tx) error { return do(tx, id) })
	}
	if err != nil {
		d, lerr := c.caseData(ctx, v, r.PathValue("id"))
		if lerr != nil {
			c.fail(w, r, v, lerr)
			return
		}
		if keep != nil {
			keep(d)
		}
		c.formError(w, r, v, pageCase, d, err)
		return
	}
	http.Redirect(w, r, "/cases/"+strconv.FormatInt(id, 10)+"?done="+done, http.StatusSeeOther)
}

// optionalID reads a form's id field; empty or unknown text is nil.
func optionalID(r *http.Request, name string) *int64 {
	n, err := strconv.ParseInt(latin(r.PostFormValue(name)), 10, 64)
	if err != nil || n == 0 {
		return nil
	}
	return &n
}

// assignCase serves POST /cases/{id}/assign.
func (c *Console) assignCase(w http.ResponseWriter, r *http.Request, v *View) {
	owner, team := optionalID(r, "owner_id"), optionalID(r, "team_id")
	c.caseAction(w, r, v, "assigned", func(tx *store.Tx, id int64) error {
		_, err := loop.Assign(r.Context(), tx, v.Workspace, actor(v), id, owner, team)
		return err
	}, nil)
}

// noteCase serves POST /cases/{id}/note: an internal note or a logged
// contact with the customer, kept exactly as written.
func (c *Console) noteCase(w http.ResponseWriter, r *http.Request, v *View) {
	kind, body := r.PostFormValue("kind"), r.PostFormValue("body")
	c.caseAction(w, r, v, "noted", func(tx *store.Tx, id int64) error {
		_, err := loop.AddNote(r.Context(), tx, v.Workspace.ID, id, actor(v), kind, body)
		return err
	}, func(d *caseData) { d.Note = body })
}

// closeCase serves POST /cases/{id}/close: refused, with a clear message,
// without a root cause from the workspace's list or a resolution.
func (c *Console) closeCase(w http.ResponseWriter, r *http.Request, v *View) {
	cl := loop.Closing{RootCause: r.PostFormValue("root_cause"), Resolution: r.PostFormValue("resolution"),
		Message: r.PostFormValue("message"), Resurvey: r.PostFormValue("resurvey") == "1"}
	c.caseAction(w, r, v, "closed", func(tx *store.Tx, id int64) error {
		_, err := loop.Close(r.Context(), tx, v.Workspace, actor(v), id, cl)
		return err
	}, func(d *caseData) { d.Close = cl })
}
