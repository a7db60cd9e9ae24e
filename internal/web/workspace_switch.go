package web

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/auth"
)

// switchWorkspace serves POST /workspace. A workspace the viewer is not a
// member of is not found, as if it did not exist.
func (c *Console) switchWorkspace(w http.ResponseWriter, r *http.Request, v *View) {
	id, _ := strconv.ParseInt(r.PostFormValue("workspace_id"), 10, 64)
	if err := auth.SwitchWorkspace(withoutCancel(r), c.db, v.Session, id); err != nil {
		c.fail(w, r, v, err)
		return
	}
	http.Redirect(w, r, "/overview", http.StatusSeeOther)
}
