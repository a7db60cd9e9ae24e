package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
)

// escalateCase serves POST /cases/{id}/escalate: the case's priority goes
// up one step, it goes to its team's lead when the team has one, and the
// reason given is noted on it — all or nothing.
func (c *Console) escalateCase(w http.ResponseWriter, r *http.Request, v *View) {
	why := r.PostFormValue("body")
	c.caseAction(w, r, v, "escalated", func(tx *store.Tx, id int64) error {
		ctx := r.Context()
		cs, err := loop.Get(ctx, tx, v.Workspace.ID, id)
		if err != nil {
			return err
		}
		if _, err := loop.AddNote(ctx, tx, v.Workspace.ID, id, actor(v), "note", why); err != nil {
			return err
		}
		up := rules.Priorities[min(rules.PriorityIndex(cs.Priority)+1, len(rules.Priorities)-1)]
		if _, err := loop.Update(ctx, tx, v.Workspace.ID, actor(v), id, loop.Change{Priority: &up}); err != nil {
			return err
		}
		return c.toLead(r, tx, v, cs)
	}, func(d *caseData) { d.Note = why })
}

// toLead gives the case to its team's lead, if it has a team with one.
func (c *Console) toLead(r *http.Request, tx *store.Tx, v *View, cs *loop.Case) error {
	if cs.TeamID == nil {
		return nil
	}
	t, err := loop.GetTeam(r.Context(), tx, v.Workspace.ID, *cs.TeamID)
	if err != nil || t.LeadID == nil {
		return err
	}
	_, err = loop.Assign(r.Context(), tx, v.Workspace, actor(v), cs.ID, t.LeadID, cs.TeamID)
	return err
}
