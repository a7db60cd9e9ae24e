package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/locale"
)

// periods are the spans, in days, a page can look back over.
var periods = []int{30, 90, 365}

// trendWeeks is how many weeks trend charts show.
const trendWeeks = 26

// period reads ?days=, keeping to the offered spans (90 by default).
func period(r *http.Request) int {
	d, _ := strconv.Atoi(r.URL.Query().Get("days"))
	for _, p := range periods {
		if p == d {
			return d
		}
	}
	return 90
}

// trendStart is the first day of the week trendWeeks−1 weeks before now's,
// in the workspace's zone and week (Saturday first for Persian).
func trendStart(v *View, now time.Time) time.Time {
	return locale.StartOfWeek(now.In(v.Loc), v.Workspace.Language).AddDate(0, 0, -7*(trendWeeks-1))
}
