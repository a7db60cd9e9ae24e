package locale

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Calendars a date can be shown in.
const (
	Jalali    = "jalali"
	Gregorian = "gregorian"
)

// ErrInvalidDate is returned, wrapped with detail, for text that is not a
// valid date.
var ErrInvalidDate = errors.New("invalid date")

// DefaultCalendar returns the calendar people of lang expect: Jalali for
// Persian, Gregorian otherwise.
func DefaultCalendar(lang string) string {
	if IsPersian(lang) {
		return Jalali
	}
	return Gregorian
}

// calendarFor returns calendar when it is known and the default for lang
// otherwise.
func calendarFor(calendar, lang string) string {
	switch strings.ToLower(calendar) {
	case Jalali:
		return Jalali
	case Gregorian:
		return Gregorian
	}
	return DefaultCalendar(lang)
}

// FormatDate formats the civil date of t (in t's location) in the short
// numeric form: "۱۴۰۵/۰۹/۰۱" for Jalali, "۲۰۲۶-۱۱-۲۲" for Gregorian, with
// Persian digits for Persian and ASCII digits otherwise. An unknown or
// empty calendar means the default calendar of lang.
func FormatDate(t time.Time, lang, calendar string) string {
	if calendarFor(calendar, lang) == Jalali {
		return LocalDigits(ToJalali(t).String(), lang)
	}
	return LocalDigits(t.Format("2006-01-02"), lang)
}

// FormatDateLong formats the civil date of t (in t's location) with the
// month's name: "۱ آذر ۱۴۰۵" or "1 Azar 1405" for Jalali, "۲۲ نوامبر ۲۰۲۶"
// or "22 November 2026" for Gregorian.
func FormatDateLong(t time.Time, lang, calendar string) string {
	if calendarFor(calendar, lang) == Jalali {
		d := ToJalali(t)
		return longDate(d.Day, MonthName(d.Month, lang), d.Year, lang)
	}
	y, m, d := t.Date()
	return longDate(d, GregorianMonthName(m, lang), y, lang)
}

func longDate(day int, month string, year int, lang string) string {
	return LocalDigits(fmt.Sprintf("%d %s %d", day, month, year), lang)
}

// ParseJalali parses a Jalali date written year first, such as
// "1405/09/01", "1405-9-1" or "۱۴۰۵/۰۹/۰۱" (Persian or Arabic-Indic digits,
// with "/", "-" or "." between the parts), and checks that the day exists.
func ParseJalali(s string) (Date, error) {
	parts := strings.FieldsFunc(Clean(s), func(r rune) bool {
		return r == '/' || r == '-' || r == '.'
	})
	if len(parts) != 3 {
		return Date{}, fmt.Errorf("%w: %q: want year/month/day", ErrInvalidDate, s)
	}
	var n [3]int
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if !isDigits(p) || len(p) > 4 {
			return Date{}, fmt.Errorf("%w: %q: %q is not a number", ErrInvalidDate, s, p)
		}
		n[i], _ = strconv.Atoi(p)
	}
	d := Date{Year: n[0], Month: n[1], Day: n[2]}
	if !d.Valid() {
		return Date{}, fmt.Errorf("%w: %q: no such day in the Jalali calendar", ErrInvalidDate, s)
	}
	return d, nil
}
