package web

import (
	"net/http"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
)

// preferences serves GET /settings/preferences: language and calendar.
func (c *Console) preferences(w http.ResponseWriter, r *http.Request, v *View) {
	c.render(w, r, http.StatusOK, v, pagePreferences, v.Session.Prefs)
}

// savePreferences serves POST /settings/preferences.
func (c *Console) savePreferences(w http.ResponseWriter, r *http.Request, v *View) {
	p := auth.Preferences{Language: r.PostFormValue("language"), Calendar: r.PostFormValue("calendar")}
	if err := auth.SavePreferences(withoutCancel(r), c.db, v.Session.User.ID, p); err != nil {
		c.formError(w, r, v, pagePreferences, p, err)
		return
	}
	if p.Language != "" {
		c.setCookie(w, r, langCookie, p.Language, 365*24*time.Hour)
	}
	http.Redirect(w, r, "/settings/preferences?done=saved", http.StatusSeeOther)
}
