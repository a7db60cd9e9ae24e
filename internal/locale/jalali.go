package locale

import (
	"fmt"
	"time"
)

// Date is a day of the Jalali (Solar Hijri) calendar, the civil calendar
// of Iran. Month 1 is Farvardin, which starts at the March equinox.
type Date struct {
	Year, Month, Day int
}

// leapResidues are the positions, in each 33-year cycle, of the eight
// leap years (year mod 33). This arithmetic rule agrees with the
// astronomical calendar Iran uses for every year from 1178 to 1633;
// outside that range it may be a day off.
var leapResidues = [...]int{1, 5, 9, 13, 17, 22, 26, 30}

const (
	cycleYears = 33
	cycleDays  = cycleYears*365 + len(leapResidues)
)

// epochDay is the day number (days since 1970-01-01) of the day before
// 1 Farvardin of year 1, fixed from the known 1403-01-01 = 2024-03-20.
var epochDay = civilDay(2024, time.March, 20) - daysBeforeYear(1403) - 1

// IsLeap reports whether Jalali year y has 366 days, that is whether its
// Esfand has 30 days.
func IsLeap(y int) bool {
	r := floorMod(y, cycleYears)
	for _, l := range leapResidues {
		if r == l {
			return true
		}
	}
	return false
}

// DaysInMonth returns the number of days in month m of Jalali year y: 31
// for the first six months, 30 for the next five, and 29 or 30 for Esfand.
// It returns 0 for a month outside 1-12.
func DaysInMonth(y, m int) int {
	switch {
	case m < 1 || m > 12:
		return 0
	case m <= 6:
		return 31
	case m <= 11 || IsLeap(y):
		return 30
	}
	return 29
}

// ToJalali returns the Jalali date of the civil day t falls on in t's own
// location.
func ToJalali(t time.Time) Date {
	gy, gm, gd := t.Date()
	return dateFromDay(civilDay(gy, gm, gd))
}

// FromJalali returns midnight at the start of Jalali day y/m/d in loc (UTC
// if loc is nil). Like time.Date it normalises values out of range: month
// 13 is Farvardin of the next year and day 32 of Farvardin is 1 Ordibehesht.
func FromJalali(y, m, d int, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y += floorDiv(m-1, 12)
	m = floorMod(m-1, 12) + 1
	day := epochDay + daysBeforeYear(y) + daysBeforeMonth(m) + d
	return time.Date(1970, time.January, 1+day, 0, 0, 0, 0, loc)
}

// Valid reports whether d names a day that exists in the Jalali calendar.
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Day >= 1 && d.Day <= DaysInMonth(d.Year, d.Month)
}

// Time returns midnight at the start of d in loc (UTC if loc is nil).
func (d Date) Time(loc *time.Location) time.Time {
	return FromJalali(d.Year, d.Month, d.Day, loc)
}

// Weekday returns the day of the week d falls on.
func (d Date) Weekday() time.Weekday {
	return d.Time(time.UTC).Weekday()
}

// String formats d as "1405/09/01" with ASCII digits.
func (d Date) String() string {
	return fmt.Sprintf("%04d/%02d/%02d", d.Year, d.Month, d.Day)
}

// dateFromDay converts a day number (days since 1970-01-01) to a Jalali date.
func dateFromDay(day int) Date {
	n := day - epochDay - 1 // days since 1 Farvardin of year 1
	y := floorDiv(n*cycleYears, cycleDays) + 1
	for daysBeforeYear(y+1) <= n {
		y++
	}
	for daysBeforeYear(y) > n {
		y--
	}
	doy := n - daysBeforeYear(y)
	if doy < 186 {
		return Date{Year: y, Month: doy/31 + 1, Day: doy%31 + 1}
	}
	doy -= 186
	return Date{Year: y, Month: doy/30 + 7, Day: doy%30 + 1}
}

// daysBeforeYear counts the days from 1 Farvardin of year 1 to 1 Farvardin
// of year y (negative for years before 1).
func daysBeforeYear(y int) int {
	n := y - 1
	leaps := floorDiv(n, cycleYears) * len(leapResidues)
	r := floorMod(n, cycleYears)
	for _, l := range leapResidues {
		if l <= r {
			leaps++
		}
	}
	return 365*n + leaps
}

// daysBeforeMonth counts the days of a Jalali year before month m (1-12).
func daysBeforeMonth(m int) int {
	if m <= 7 {
		return (m - 1) * 31
	}
	return 186 + (m-7)*30
}

// civilDay returns the number of days from 1970-01-01 to the given
// Gregorian date.
func civilDay(y int, m time.Month, d int) int {
	return floorDiv(int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()), 86400)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int {
	return a - floorDiv(a, b)*b
}
