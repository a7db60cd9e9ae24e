package web

import (
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/store"
)

// createKey serves POST /settings/keys and shows the new key once.
func (c *Console) createKey(w http.ResponseWriter, r *http.Request, v *View) {
	ctx, ws := withoutCancel(r), v.Workspace.ID
	d := keysData{Name: strings.TrimSpace(r.PostFormValue("name")), Kind: auth.KeyKind(r.PostFormValue("kind"))}
	err := c.db.InTx(ctx, func(tx *store.Tx) error {
		k, plain, err := auth.CreateKey(ctx, tx, ws, d.Kind, d.Name)
		if err != nil {
			return err
		}
		d.Plain = plain
		return audit.Record(ctx, tx, ws, actor(v), "key.create", k.Prefix, map[string]string{"kind": string(k.Kind), "name": k.Name})
	})
	ks, lerr := auth.ListKeys(ctx, c.db, ws)
	d.Keys = ks
	if err == nil {
		err = lerr
	}
	if err != nil {
		c.formError(w, r, v, pageKeys, d, err)
		return
	}
	v.Flash = v.T("console.done.key_created")
	c.render(w, r, http.StatusOK, v, pageKeys, d)
}
