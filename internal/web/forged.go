package web

import "net/http"

// forged answers a form posted from another site (cross-origin request
// forgery): refused, with a page that says so in the viewer's language.
func (c *Console) forged(w http.ResponseWriter, r *http.Request) {
	v := c.anonymous(r)
	c.renderPage(w, r, http.StatusForbidden, pageError, page{V: v, Error: v.T("console.error.cross_origin")})
}
