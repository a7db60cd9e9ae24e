package web

import (
	"net/http"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
)

// switchLanguage serves POST /language: the choice goes in a cookie and,
// for someone signed in, in their preferences, so it follows them.
func (c *Console) switchLanguage(w http.ResponseWriter, r *http.Request) {
	lang := r.PostFormValue("lang")
	if lang != "fa" && lang != "en" {
		c.fail(w, r, c.anonymous(r), errs.Field("web.language", "lang", "language must be fa or en"))
		return
	}
	if v, err := c.viewer(r); err == nil {
		p := v.Session.Prefs
		p.Language = lang
		if err := auth.SavePreferences(withoutCancel(r), c.db, v.Session.User.ID, p); err != nil {
			c.fail(w, r, v, err)
			return
		}
	}
	c.setCookie(w, r, langCookie, lang, 365*24*time.Hour)
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
}
