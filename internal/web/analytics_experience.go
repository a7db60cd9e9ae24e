package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// experienceData is the emotional connection and four-pillars views.
type experienceData struct {
	Days     int
	Emotion  *analytics.Emotion
	Pillars  *analytics.Pillars
	Feelings []feeling
}

type feeling struct {
	survey.Option
	Count int64
}

// analyticsExperience serves GET /analytics/experience.
func (c *Console) analyticsExperience(w http.ResponseWriter, r *http.Request, v *View) {
	d := experienceData{Days: period(r)}
	q, f := c.querier(v), c.lastDays(d.Days)
	var err error
	if d.Emotion, err = q.Emotion(r.Context(), f); err == nil {
		d.Pillars, err = q.Pillars(r.Context(), f)
	}
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	for _, o := range survey.Emotions() {
		d.Feelings = append(d.Feelings, feeling{Option: o, Count: d.Emotion.Feelings[o.ID]})
	}
	c.render(w, r, http.StatusOK, v, pageAnalyticsExperience, d)
}
