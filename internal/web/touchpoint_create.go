package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
)

// createTouchpoint serves POST /settings/touchpoints.
func (c *Console) createTouchpoint(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws := withoutCancel(r), v.Workspace.ID
	t, typed, err := touchpointForm(r)
	if err == nil {
		err = c.db.InTx(ctx, func(tx *store.Tx) error {
			if err := journey.CreateTouchpoint(ctx, tx, ws, &t); err != nil {
				return err
			}
			return audit.Record(ctx, tx, ws, actor(v), "touchpoint.create", t.Key, t)
		})
	}
	if err != nil {
		d, lerr := c.touchpointsData(r, ws, t)
		d.Target = typed
		if lerr != nil {
			err = lerr
		}
		c.formError(w, r, v, pageTouchpoints, d, err)
		return
	}
	http.Redirect(w, r, "/settings/touchpoints?done=created", http.StatusSeeOther)
}
