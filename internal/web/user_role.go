package web

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// changeRole serves POST /settings/users/{id}/role. Only someone who may
// grant both the member's present role and the new one may change it; a
// person of another workspace is not found.
func (c *Console) changeRole(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws := withoutCancel(r), v.Workspace.ID
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	role := auth.Role(r.PostFormValue("role"))
	current, err := auth.RoleOf(ctx, c.db, ws, id)
	if err == nil && (!v.Session.Role.CanGrant(current) || !v.Session.Role.CanGrant(role)) {
		err = &errs.Error{Op: "web.role", Kind: errs.Permission, Field: "role", Msg: "you may not grant this role"}
	}
	if err == nil {
		err = c.db.InTx(ctx, func(tx *store.Tx) error {
			if err := auth.SetRole(ctx, tx, ws, id, role); err != nil {
				return err
			}
			return audit.Record(ctx, tx, ws, actor(v), "user.role", strconv.FormatInt(id, 10), map[string]string{"from": string(current), "to": string(role)})
		})
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	http.Redirect(w, r, "/settings/users?done=saved", http.StatusSeeOther)
}
