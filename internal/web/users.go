package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/auth"
)

// usersData is the people of the workspace, the invitation form, and after
// an invitation the new person's password, shown this once.
type usersData struct {
	Members  []auth.Membership
	Roles    []auth.Role // the roles the viewer may grant
	Invite   invite
	Password string
	Joined   bool // the invited e-mail already had an account and keeps its password
}

type invite struct {
	Email, Name string
	Role        auth.Role
}

func (c *Console) usersData(r *http.Request, v *View, in invite) (usersData, error) {
	d := usersData{Invite: in}
	for _, role := range auth.Roles {
		if v.Session.Role.CanGrant(role) {
			d.Roles = append(d.Roles, role)
		}
	}
	var err error
	d.Members, err = auth.Members(r.Context(), c.db, v.Workspace.ID)
	return d, err
}

// users serves GET /settings/users.
func (c *Console) users(w http.ResponseWriter, r *http.Request, v *View) {
	d, err := c.usersData(r, v, invite{Role: auth.Viewer})
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageUsers, d)
}
