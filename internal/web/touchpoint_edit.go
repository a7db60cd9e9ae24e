package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
)

// editTouchpoint serves GET /settings/touchpoints/{key}.
func (c *Console) editTouchpoint(w http.ResponseWriter, r *http.Request, v *View) {
	t, err := journey.GetTouchpoint(r.Context(), c.db, v.Workspace.ID, r.PathValue("key"))
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	d, err := c.touchpointsData(r, v.Workspace.ID, *t)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageTouchpointEdit, d)
}

// saveTouchpoint serves POST /settings/touchpoints/{key}: the key in the
// URL decides which touchpoint, in the viewer's workspace only.
func (c *Console) saveTouchpoint(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws := withoutCancel(r), v.Workspace.ID
	t, typed, err := touchpointForm(r)
	t.Key = r.PathValue("key")
	if err == nil {
		err = journey.SaveTouchpoint(ctx, c.db, ws, &t)
	}
	if err == nil {
		err = c.db.InTx(ctx, func(tx *store.Tx) error { return audit.Record(ctx, tx, ws, actor(v), "touchpoint.update", t.Key, t) })
	}
	if errs.Is(err, errs.NotExist) {
		c.fail(w, r, v, err)
		return
	}
	if err != nil {
		d, _ := c.touchpointsData(r, ws, t)
		d.Target = typed
		c.formError(w, r, v, pageTouchpointEdit, d, err)
		return
	}
	http.Redirect(w, r, "/settings/touchpoints?done=saved", http.StatusSeeOther)
}
