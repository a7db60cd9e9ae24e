package program

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/locale"
)

// Span is a wait written as a number and a unit: 30m, 6h, 14d, 2w, 2mo.
// Months are calendar months, so "2mo" after 31 December is 28 February
// or 1 March as Go's AddDate says.
type Span struct {
	N    int
	Unit string // m, h, d, w, mo
}

// maxSpan bounds a wait: two years.
const maxSpan = 2 * 366 * 24 * time.Hour

// ParseSpan reads a span; digits may be Persian.
func ParseSpan(s string) (Span, error) {
	s = strings.TrimSpace(locale.LatinDigits(s))
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(s[:i])
	unit := s[i:]
	if err != nil || n <= 0 {
		return Span{}, fmt.Errorf("%q is not a wait: write a whole number and a unit, like 30m, 6h, 14d, 2w or 2mo", s)
	}
	switch unit {
	case "m", "h", "d", "w", "mo":
	default:
		return Span{}, fmt.Errorf("%q has no known unit: use m (minutes), h (hours), d (days), w (weeks) or mo (months)", s)
	}
	sp := Span{N: n, Unit: unit}
	if start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); sp.After(start).Sub(start) > maxSpan {
		return Span{}, fmt.Errorf("%q is longer than two years", s)
	}
	return sp, nil
}

// After is t plus the span.
func (sp Span) After(t time.Time) time.Time {
	switch sp.Unit {
	case "m":
		return t.Add(time.Duration(sp.N) * time.Minute)
	case "h":
		return t.Add(time.Duration(sp.N) * time.Hour)
	case "d":
		return t.AddDate(0, 0, sp.N)
	case "w":
		return t.AddDate(0, 0, 7*sp.N)
	}
	return t.AddDate(0, sp.N, 0)
}

// nextWeekday is the first time at or after t on weekday day at hour
// o'clock in loc.
func nextWeekday(t time.Time, day time.Weekday, hour int, loc *time.Location) time.Time {
	l := t.In(loc)
	at := time.Date(l.Year(), l.Month(), l.Day(), hour, 0, 0, 0, loc)
	for at.Weekday() != day || at.Before(t) {
		at = time.Date(at.Year(), at.Month(), at.Day()+1, hour, 0, 0, 0, loc)
	}
	return at
}

// parseDate reads 2026-03-20 (midnight in loc), a Jalali date 1405/01/01,
// or an RFC 3339 time.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(locale.LatinDigits(s))
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil && t.Year() >= 1700 {
		return t, nil
	}
	if d, err := locale.ParseJalali(s); err == nil && d.Year > 1200 {
		return locale.FromJalali(d.Year, d.Month, d.Day, loc), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date: write 2026-03-20, 1405/01/01 or an RFC 3339 time", s)
}
