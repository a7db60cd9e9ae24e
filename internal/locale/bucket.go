package locale

import (
	"fmt"
	"time"
)

// Units analytics groups events by.
const (
	UnitDay     = "day"
	UnitWeek    = "week"
	UnitMonth   = "month"
	UnitQuarter = "quarter"
	UnitYear    = "year"
)

// bucketSpan is, per unit, a number of days that takes the start of any
// bucket into the next one (and never past it).
var bucketSpan = map[string]int{
	UnitDay: 1, UnitWeek: 7, UnitMonth: 32, UnitQuarter: 93, UnitYear: 366,
}

// IsUnit reports whether unit is one Bucket knows.
func IsUnit(unit string) bool {
	_, ok := bucketSpan[unit]
	return ok
}

// Bucket returns the start (midnight, in t's location) and a label of the
// period of the given unit that t falls in. In the Jalali calendar weeks
// start on Saturday and quarters are the seasons (months 1-3, 4-6, 7-9,
// 10-12); in the Gregorian calendar weeks start on Monday. An unknown
// calendar means Gregorian. Labels use ASCII digits and sort in time
// order: "1405-09-01" for a day, the first day of the week for a week,
// "1405-09" for a month, "1405-Q3" for a quarter and "1405" for a year.
// An unknown unit gives the zero time and an empty label.
func Bucket(t time.Time, unit, calendar string) (start time.Time, label string) {
	if calendarFor(calendar, "") == Jalali {
		return jalaliBucket(t, unit)
	}
	return gregorianBucket(t, unit)
}

// NextBucket returns the start of the period that follows the one t falls
// in, so that callers can walk a range bucket by bucket, empty ones too.
func NextBucket(t time.Time, unit, calendar string) time.Time {
	start, _ := Bucket(t, unit, calendar)
	if start.IsZero() {
		return start
	}
	y, m, d := start.Date()
	next := time.Date(y, m, d+bucketSpan[unit], 0, 0, 0, 0, start.Location())
	start, _ = Bucket(next, unit, calendar)
	return start
}

func jalaliBucket(t time.Time, unit string) (time.Time, string) {
	loc := t.Location()
	d := ToJalali(t)
	switch unit {
	case UnitDay:
		return d.Time(loc), jalaliLabel(d)
	case UnitWeek:
		start := startOfWeekOn(t, time.Saturday)
		return start, jalaliLabel(ToJalali(start))
	case UnitMonth:
		return FromJalali(d.Year, d.Month, 1, loc), fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case UnitQuarter:
		q := (d.Month-1)/3 + 1
		return FromJalali(d.Year, q*3-2, 1, loc), fmt.Sprintf("%04d-Q%d", d.Year, q)
	case UnitYear:
		return FromJalali(d.Year, 1, 1, loc), fmt.Sprintf("%04d", d.Year)
	}
	return time.Time{}, ""
}

func gregorianBucket(t time.Time, unit string) (time.Time, string) {
	loc := t.Location()
	y, m, d := t.Date()
	switch unit {
	case UnitDay:
		start := time.Date(y, m, d, 0, 0, 0, 0, loc)
		return start, start.Format(time.DateOnly)
	case UnitWeek:
		start := startOfWeekOn(t, time.Monday)
		return start, start.Format(time.DateOnly)
	case UnitMonth:
		start := time.Date(y, m, 1, 0, 0, 0, 0, loc)
		return start, start.Format("2006-01")
	case UnitQuarter:
		q := (int(m)-1)/3 + 1
		return time.Date(y, time.Month(q*3-2), 1, 0, 0, 0, 0, loc), fmt.Sprintf("%04d-Q%d", y, q)
	case UnitYear:
		return time.Date(y, time.January, 1, 0, 0, 0, 0, loc), fmt.Sprintf("%04d", y)
	}
	return time.Time{}, ""
}

func jalaliLabel(d Date) string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}
