package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/respond"
)

// surveyPreview serves GET and POST /surveys/{id}/preview?lang=: the
// survey as the customer sees it, drawn by the public pages' own renderer,
// walking through its logic as the preview is answered; nothing is
// stored.
func (c *Console) surveyPreview(w http.ResponseWriter, r *http.Request, v *View) {
	s, err := c.surveyOf(r, v)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	lang := r.URL.Query().Get("lang")
	if lang != "en" {
		lang = "fa"
	}
	r.ParseForm()
	respond.Preview(w, r, s, lang, v.Workspace.Name, surveyPath(s)+"/preview?lang="+lang, r.PostForm)
}
