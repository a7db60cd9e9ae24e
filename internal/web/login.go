package web

import (
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// loginForm is what the sign-in page shows and keeps.
type loginForm struct {
	Email, Next string
	Expired     bool
}

// loginPage serves GET /login; a live session goes straight on.
func (c *Console) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, err := c.viewer(r); err == nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	q := r.URL.Query()
	f := loginForm{Next: safeNext(q.Get("next")), Expired: q.Get("expired") == "1"}
	c.render(w, r, http.StatusOK, c.anonymous(r), pageLogin, f)
}

// login serves POST /login: throttled password check, then a session in
// the workspace that speaks the viewer's language, if they have one.
func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	v := c.anonymous(r)
	f := loginForm{Email: r.PostFormValue("email"), Next: safeNext(r.PostFormValue("next"))}
	u, err := auth.SignIn(r.Context(), c.db, f.Email, r.PostFormValue("password"), c.clients.Of(r))
	if err != nil {
		c.formError(w, r, v, pageLogin, f, err)
		return
	}
	ms, err := auth.Memberships(r.Context(), c.db, u.ID)
	if err == nil && len(ms) == 0 {
		err = errs.E("web.login", errs.Permission, "%s belongs to no workspace", u.Email)
	}
	if err != nil {
		c.formError(w, r, v, pageLogin, f, err)
		return
	}
	token, err := auth.StartSession(withoutCancel(r), c.db, u.ID, c.pickWorkspace(r, v.Lang, ms))
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.setCookie(w, r, sessionCookie, token, auth.SessionTTL)
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
}

// pickWorkspace prefers a workspace in the viewer's language.
func (c *Console) pickWorkspace(r *http.Request, lang string, ms []auth.Membership) int64 {
	for _, m := range ms {
		if ws, err := workspace.Get(r.Context(), c.db, m.WorkspaceID); err == nil && locale.Base(ws.Language) == lang {
			return m.WorkspaceID
		}
	}
	return ms[0].WorkspaceID
}

// safeNext keeps a return address on this site: a path, never "//host".
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/overview"
	}
	return next
}
