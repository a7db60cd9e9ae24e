package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
)

// weekdays are the calendar's days, Saturday first as the Persian week runs.
var weekdays = []string{"sat", "sun", "mon", "tue", "wed", "thu", "fri"}

// calendarData is the business calendar as the form shows it.
type calendarData struct {
	Timezone      string
	Days          []calendarDay
	Holidays      string // one a line
	FirstResponse string
	Resolution    string
}

type calendarDay struct{ Key, From, To string }

// businessCalendar serves GET /settings/calendar.
func (c *Console) businessCalendar(w http.ResponseWriter, r *http.Request, v *View) {
	set, err := loop.LoadSettings(r.Context(), c.db, v.Workspace)
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	c.render(w, r, http.StatusOK, v, pageCalendar, calendarOf(set))
}

func calendarOf(s loop.Settings) calendarData {
	d := calendarData{Timezone: s.Calendar.Timezone, Holidays: strings.Join(s.Calendar.Holidays, "\n"),
		FirstResponse: strconv.FormatFloat(s.FirstResponseHours, 'f', -1, 64),
		Resolution:    strconv.FormatFloat(s.ResolutionHours, 'f', -1, 64)}
	for _, k := range weekdays {
		h := s.Calendar.Hours[k]
		d.Days = append(d.Days, calendarDay{Key: k, From: h[0], To: h[1]})
	}
	return d
}

// saveCalendar serves POST /settings/calendar: days left empty are off;
// times, dates and hours may be typed in Persian digits.
func (c *Console) saveCalendar(w http.ResponseWriter, r *http.Request, v *View) {
	ctx := withoutCancel(r)
	d := readCalendar(r)
	err := c.db.InTx(ctx, func(tx *store.Tx) error {
		set, err := loop.EnsureSettings(ctx, tx, v.Workspace)
		if err == nil {
			err = d.apply(&set)
		}
		if err == nil {
			err = loop.SaveSettings(ctx, tx, v.Workspace.ID, actor(v), &set)
		}
		return err
	})
	if err != nil {
		c.formError(w, r, v, pageCalendar, d, err)
		return
	}
	http.Redirect(w, r, "/settings/calendar?done=saved", http.StatusSeeOther)
}

func readCalendar(r *http.Request) calendarData {
	p := func(k string) string { return strings.TrimSpace(latin(r.PostFormValue(k))) }
	d := calendarData{Timezone: p("timezone"), Holidays: p("holidays"), FirstResponse: p("first_response_hours"),
		Resolution: p("resolution_hours")}
	for _, k := range weekdays {
		d.Days = append(d.Days, calendarDay{Key: k, From: p(k + "_from"), To: p(k + "_to")})
	}
	return d
}

// apply puts the form into the settings, which SaveSettings validates.
func (d calendarData) apply(s *loop.Settings) error {
	s.Calendar.Timezone, s.Calendar.Hours, s.Calendar.Holidays = d.Timezone, map[string][2]string{}, nil
	for _, day := range d.Days {
		if day.From != "" || day.To != "" {
			s.Calendar.Hours[day.Key] = [2]string{day.From, day.To}
		}
	}
	for _, h := range strings.Split(d.Holidays, "\n") {
		if h = strings.TrimSpace(h); h != "" {
			s.Calendar.Holidays = append(s.Calendar.Holidays, h)
		}
	}
	var err error
	if s.FirstResponseHours, err = strconv.ParseFloat(d.FirstResponse, 64); err != nil {
		return errs.Field("web.calendar", "first_response_hours", "%q is not a number of hours", d.FirstResponse)
	}
	if s.ResolutionHours, err = strconv.ParseFloat(d.Resolution, 64); err != nil {
		return errs.Field("web.calendar", "resolution_hours", "%q is not a number of hours", d.Resolution)
	}
	return nil
}
