package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/analytics"
)

// gapsData is gaps and focus: each touchpoint's score against its target,
// its importance and performance, the quadrant and the one to fix first.
type gapsData struct {
	Days     int
	Gaps     *analytics.Gaps
	Quadrant *quadrant
	FixFirst *analytics.Focus
}

// analyticsGaps serves GET /analytics.
func (c *Console) analyticsGaps(w http.ResponseWriter, r *http.Request, v *View) {
	d := gapsData{Days: period(r)}
	var err error
	if d.Gaps, err = c.gaps(r.Context(), v, d.Days); err != nil {
		c.fail(w, r, v, err)
		return
	}
	d.Quadrant = quadrantOf(v, d.Gaps)
	for i, t := range d.Gaps.Touchpoints {
		if t.Touchpoint == d.Gaps.FixFirst {
			d.FixFirst = &d.Gaps.Touchpoints[i]
		}
	}
	c.render(w, r, http.StatusOK, v, pageAnalytics, d)
}
