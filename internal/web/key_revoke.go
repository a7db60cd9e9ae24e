package web

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/store"
)

// revokeKey serves POST /settings/keys/{id}/revoke; another workspace's
// key is not found.
func (c *Console) revokeKey(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws := withoutCancel(r), v.Workspace.ID
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	err := auth.RevokeKey(ctx, c.db, ws, id)
	if err == nil {
		err = c.db.InTx(ctx, func(tx *store.Tx) error {
			return audit.Record(ctx, tx, ws, actor(v), "key.revoke", strconv.FormatInt(id, 10), nil)
		})
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	http.Redirect(w, r, "/settings/keys?done=revoked", http.StatusSeeOther)
}
