package locale

import "time"

// FirstWeekday returns the day a week starts on: Saturday in Iran,
// Monday (ISO 8601) otherwise.
func FirstWeekday(lang string) time.Weekday {
	if IsPersian(lang) {
		return time.Saturday
	}
	return time.Monday
}

// StartOfWeek returns midnight, in t's location, of the first day of the
// week t falls in: the Saturday on or before t for Persian, the Monday on
// or before t otherwise.
func StartOfWeek(t time.Time, lang string) time.Time {
	return startOfWeekOn(t, FirstWeekday(lang))
}

func startOfWeekOn(t time.Time, first time.Weekday) time.Time {
	back := (int(t.Weekday()) - int(first) + 7) % 7
	y, m, d := t.Date()
	return time.Date(y, m, d-back, 0, 0, 0, 0, t.Location())
}

// IsWeekend reports whether d is a day off in the usual working week:
// Friday in Iran (Thursday is a working or half day for most businesses),
// Saturday and Sunday otherwise.
func IsWeekend(d time.Weekday, lang string) bool {
	if IsPersian(lang) {
		return d == time.Friday
	}
	return d == time.Saturday || d == time.Sunday
}
