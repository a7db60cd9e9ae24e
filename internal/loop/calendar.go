package loop

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
)

// Calendar is a workspace's business calendar: working hours by weekday
// in its time zone, and holidays. Deadlines count working time only.
type Calendar struct {
	Timezone string               `json:"timezone"`
	Hours    map[string][2]string `json:"hours"`    // "sat": ["08:00", "16:00"]; a missing day is off
	Holidays []string             `json:"holidays"` // YYYY-MM-DD; a year before 1700 is Jalali (1405-01-01)
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// DefaultCalendar is the usual working week for a workspace's language:
// for Persian, Saturday to Wednesday 08:00–16:00, Thursday 08:00–12:00 and
// Friday off (locale.IsWeekend), in Asia/Tehran unless tz says otherwise;
// otherwise Monday to Friday 09:00–17:00.
func DefaultCalendar(lang, tz string) Calendar {
	c := Calendar{Timezone: tz, Hours: map[string][2]string{}, Holidays: []string{}}
	for d, name := range dayNames {
		wd := time.Weekday(d)
		switch {
		case locale.IsWeekend(wd, lang):
		case locale.IsPersian(lang) && wd == time.Thursday:
			c.Hours[name] = [2]string{"08:00", "12:00"}
		case locale.IsPersian(lang):
			c.Hours[name] = [2]string{"08:00", "16:00"}
		default:
			c.Hours[name] = [2]string{"09:00", "17:00"}
		}
	}
	if c.Timezone == "" {
		c.Timezone = "UTC"
		if locale.IsPersian(lang) {
			c.Timezone = "Asia/Tehran"
		}
	}
	return c
}

// compiled is a calendar ready for arithmetic.
type compiled struct {
	loc      *time.Location
	open     [7][2]time.Duration // since midnight; equal means closed
	holidays map[string]bool     // Gregorian YYYY-MM-DD in loc
}

// compile checks the calendar and prepares it; errors name the field.
func (c Calendar) compile() (*compiled, error) {
	const op = "loop.Calendar"
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil || c.Timezone == "" {
		return nil, errs.Field(op, "calendar.timezone", "unknown time zone %q", c.Timezone)
	}
	out := &compiled{loc: loc, holidays: map[string]bool{}}
	working := 0
	for day, span := range c.Hours {
		d := indexOf(dayNames, day)
		if d < 0 {
			return nil, errs.Field(op, "calendar.hours", "%q is not a day; use sat, sun, mon, tue, wed, thu or fri", day)
		}
		from, err1 := clock(span[0])
		to, err2 := clock(span[1])
		if err1 != nil || err2 != nil || from >= to {
			return nil, errs.Field(op, "calendar.hours."+day, "hours must be two times HH:MM, the first before the second, not %q–%q", span[0], span[1])
		}
		out.open[d] = [2]time.Duration{from, to}
		working++
	}
	if working == 0 {
		return nil, errs.Field(op, "calendar.hours", "a calendar needs at least one working day, or no deadline could ever be met")
	}
	for _, h := range c.Holidays {
		day, err := holiday(h, loc)
		if err != nil {
			return nil, errs.Field(op, "calendar.holidays", "%v", err)
		}
		out.holidays[day] = true
	}
	return out, nil
}

func clock(s string) (time.Duration, error) {
	h, m, ok := strings.Cut(locale.LatinDigits(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || hh == 24 && mm > 0 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute, nil
}

// holiday reads a date, Jalali when its year is before 1700, and returns
// it as a Gregorian YYYY-MM-DD.
func holiday(s string, loc *time.Location) (string, error) {
	parts := strings.FieldsFunc(locale.LatinDigits(s), func(r rune) bool { return r == '-' || r == '/' })
	if len(parts) != 3 {
		return "", fmt.Errorf("holiday %q must be YYYY-MM-DD", s)
	}
	y, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	d, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", fmt.Errorf("holiday %q must be YYYY-MM-DD", s)
	}
	if y < 1700 {
		if jd := (locale.Date{Year: y, Month: m, Day: d}); !jd.Valid() {
			return "", fmt.Errorf("holiday %q is not a Jalali date", s)
		}
		return locale.FromJalali(y, m, d, loc).Format(time.DateOnly), nil
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc)
	if t.Day() != d {
		return "", fmt.Errorf("holiday %q is not a date", s)
	}
	return t.Format(time.DateOnly), nil
}

// Add returns the instant work of working time after start.
func (c *compiled) Add(start time.Time, work time.Duration) time.Time {
	t := start.In(c.loc)
	for range 3660 { // ten years of days: a calendar with working days always ends sooner
		y, m, d := t.Date()
		midnight := time.Date(y, m, d, 0, 0, 0, 0, c.loc)
		span := c.open[t.Weekday()]
		if span[0] < span[1] && !c.holidays[midnight.Format(time.DateOnly)] {
			open, shut := midnight.Add(span[0]), midnight.Add(span[1])
			if t.Before(open) {
				t = open
			}
			if t.Before(shut) {
				if left := shut.Sub(t); work <= left {
					return t.Add(work).UTC()
				} else {
					work -= left
				}
			}
		}
		t = time.Date(y, m, d+1, 0, 0, 0, 0, c.loc)
	}
	return t.UTC()
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// Add returns the instant work of working time after start, or an error
// if the calendar is not valid.
func (c Calendar) Add(start time.Time, work time.Duration) (time.Time, error) {
	cc, err := c.compile()
	if err != nil {
		return time.Time{}, err
	}
	return cc.Add(start, work), nil
}
