package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

const (
	sessionCookie = "tajrobe_session"
	langCookie    = "tajrobe_lang"
)

// handlerFunc is a console page or action: it gets the viewer's View.
type handlerFunc func(w http.ResponseWriter, r *http.Request, v *View)

// signedIn runs h for a live session whose role has perm. No session, or
// an ended one, sends the browser to sign in, saying why; a role without
// perm gets a 403 page.
func (c *Console) signedIn(perm auth.Permission, h handlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := c.viewer(r)
		if errs.Is(err, errs.Unauthenticated) {
			c.toSignIn(w, r)
			return
		}
		if err != nil {
			c.fail(w, r, c.anonymous(r), err)
			return
		}
		if perm != "" && !v.Session.Role.Can(perm) {
			c.fail(w, r, v, errs.E("web", errs.Permission, "role %s may not %s", v.Session.Role, perm))
			return
		}
		h(w, r, v)
	}
}

// toSignIn redirects to the sign-in page, back to this page afterwards.
func (c *Console) toSignIn(w http.ResponseWriter, r *http.Request) {
	target := "/login?next=" + url.QueryEscape(r.URL.RequestURI())
	if _, err := r.Cookie(sessionCookie); err == nil {
		target += "&expired=1"
		c.clearCookie(w, sessionCookie)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// viewer loads the session of r's cookie and builds its View.
func (c *Console) viewer(r *http.Request) (*View, error) {
	ck, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, errs.E("web.viewer", errs.Unauthenticated, "not signed in")
	}
	ctx := r.Context()
	s, err := auth.LookupSession(ctx, c.db, ck.Value)
	if err != nil {
		return nil, err
	}
	ws, err := workspace.Get(ctx, c.db, s.WorkspaceID)
	if err != nil {
		return nil, err
	}
	ms, err := auth.Memberships(ctx, c.db, s.User.ID)
	if err != nil {
		return nil, err
	}
	lang := c.language(r, s.Prefs.Language)
	v := c.newView(r, lang, s.Prefs.Calendar, ws.Location())
	v.Session, v.Workspace, v.Memberships = s, ws, ms
	return v, nil
}

// anonymous is the View of someone not signed in.
func (c *Console) anonymous(r *http.Request) *View {
	return c.newView(r, c.language(r, ""), "", locale.DefaultLocation(locale.Persian))
}

func (c *Console) newView(r *http.Request, lang, calendar string, loc *time.Location) *View {
	if calendar == "" {
		calendar = locale.DefaultCalendar(lang)
	}
	v := &View{Lang: lang, Dir: locale.Dir(lang), Calendar: calendar, Loc: loc, Path: r.URL.RequestURI(),
		Version: c.version, cat: c.cat}
	if done := r.URL.Query().Get("done"); done != "" && c.cat.Has(lang, "console.done."+done) {
		v.Flash = v.T("console.done." + done)
	}
	return v
}

// language picks the console's language: the person's saved choice, then
// the switch's cookie, then the browser's wish, and Persian by default.
func (c *Console) language(r *http.Request, pref string) string {
	if pref == "fa" || pref == "en" {
		return pref
	}
	if ck, err := r.Cookie(langCookie); err == nil && (ck.Value == "fa" || ck.Value == "en") {
		return ck.Value
	}
	if h := r.Header.Get("Accept-Language"); h != "" {
		return locale.ParseAcceptLanguage(h, []string{"fa", "en"})
	}
	return "fa"
}

// setCookie writes an HttpOnly, SameSite=Lax cookie, Secure over TLS.
func (c *Console) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: int(maxAge / time.Second),
		HttpOnly: true, Secure: c.secure || r.TLS != nil, SameSite: http.SameSiteLaxMode})
}

func (c *Console) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// actor names the viewer in audit entries.
func actor(v *View) string { return "user:" + v.Session.User.Email }

// withoutCancel keeps a write going when the browser goes away mid-way.
func withoutCancel(r *http.Request) context.Context { return context.WithoutCancel(r.Context()) }
