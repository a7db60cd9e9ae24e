package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/auth"
)

// logout serves POST /logout: the session ends on every node at once.
func (c *Console) logout(w http.ResponseWriter, r *http.Request) {
	if ck, err := r.Cookie(sessionCookie); err == nil {
		if err := auth.EndSession(withoutCancel(r), c.db, ck.Value); err != nil {
			c.fail(w, r, c.anonymous(r), err)
			return
		}
	}
	c.clearCookie(w, sessionCookie)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
