package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/auth"
)

// keysData is the workspace's API keys and, right after one is made, its
// plaintext, shown this once.
type keysData struct {
	Keys  []auth.KeyInfo
	Name  string
	Kind  auth.KeyKind
	Plain string
}

// keys serves GET /settings/keys.
func (c *Console) keys(w http.ResponseWriter, r *http.Request, v *View) {
	ks, err := auth.ListKeys(r.Context(), c.db, v.Workspace.ID)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageKeys, keysData{Keys: ks, Kind: auth.SecretKey})
}
