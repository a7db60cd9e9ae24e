package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// inviteUser serves POST /settings/users: a new person gets an account
// with a generated password, shown once; someone with an account already
// joins with theirs.
func (c *Console) inviteUser(w http.ResponseWriter, r *http.Request, v *View) {
	in := invite{Email: strings.TrimSpace(r.PostFormValue("email")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Role: auth.Role(r.PostFormValue("role"))}
	password, joined, err := c.addPerson(withoutCancel(r), v, in)
	d, lerr := c.usersData(r, v, in)
	if err == nil {
		err = lerr
	}
	if err != nil {
		c.formError(w, r, v, pageUsers, d, err)
		return
	}
	d.Invite, d.Password, d.Joined = invite{Role: auth.Viewer}, password, joined
	v.Flash = v.T("console.done.invited")
	c.render(w, r, http.StatusOK, v, pageUsers, d)
}

func (c *Console) addPerson(ctx context.Context, v *View, in invite) (password string, joined bool, err error) {
	const op = "web.invite"
	if !v.Session.Role.CanGrant(in.Role) {
		return "", false, &errs.Error{Op: op, Kind: errs.Permission, Field: "role", Msg: "you may not grant role " + string(in.Role)}
	}
	ws := v.Workspace.ID
	err = c.db.InTx(ctx, func(tx *store.Tx) error {
		password = auth.RandomToken(12)
		u := &auth.User{Email: in.Email, Name: in.Name}
		err := auth.CreateUser(ctx, tx, u, password, ws, in.Role)
		if errs.Is(err, errs.Exist) {
			password, joined = "", true
			u, err = auth.Join(ctx, tx, in.Email, ws, in.Role)
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, ws, actor(v), "user.invite", u.Email, map[string]string{"role": string(in.Role)})
	})
	return password, joined, err
}
