package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/survey"
)

// publishSurvey serves POST /surveys/{id}/publish: the survey takes
// answers and gets its public link.
func (c *Console) publishSurvey(w http.ResponseWriter, r *http.Request, v *View) {
	s, err := c.surveyOf(r, v)
	if err == nil {
		s, err = survey.Publish(withoutCancel(r), c.db, v.Workspace.ID, actor(v), s.ID)
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	http.Redirect(w, r, surveyPath(s)+"/distribute?done=published", http.StatusSeeOther)
}
