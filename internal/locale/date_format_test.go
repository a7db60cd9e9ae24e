package locale

import (
	"errors"
	"testing"
	"time"
)

// azar1 is 1 Azar 1405, a Sunday, in the afternoon in Tehran.
var azar1 = time.Date(2026, 11, 22, 15, 4, 0, 0, mustLoad("Asia/Tehran"))

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func TestFormatDate(t *testing.T) {
	tests := []struct{ lang, calendar, short, long string }{
		{"fa", Jalali, "۱۴۰۵/۰۹/۰۱", "۱ آذر ۱۴۰۵"},
		{"en", Jalali, "1405/09/01", "1 Azar 1405"},
		{"fa", Gregorian, "۲۰۲۶-۱۱-۲۲", "۲۲ نوامبر ۲۰۲۶"},
		{"en", Gregorian, "2026-11-22", "22 November 2026"},
		{"fa", "", "۱۴۰۵/۰۹/۰۱", "۱ آذر ۱۴۰۵"},
		{"en", "", "2026-11-22", "22 November 2026"},
		{"en-US", "JALALI", "1405/09/01", "1 Azar 1405"},
	}
	for _, tc := range tests {
		t.Run(tc.lang+"/"+tc.calendar, func(t *testing.T) {
			if got := FormatDate(azar1, tc.lang, tc.calendar); got != tc.short {
				t.Errorf("FormatDate = %q, want %q", got, tc.short)
			}
			if got := FormatDateLong(azar1, tc.lang, tc.calendar); got != tc.long {
				t.Errorf("FormatDateLong = %q, want %q", got, tc.long)
			}
		})
	}
}

func TestParseJalali(t *testing.T) {
	tests := []struct {
		in   string
		want Date
	}{
		{"1405/09/01", Date{1405, 9, 1}},
		{"۱۴۰۵/۰۹/۰۱", Date{1405, 9, 1}},
		{"١٤٠٥/٠٩/٠١", Date{1405, 9, 1}},
		{"1405-9-1", Date{1405, 9, 1}},
		{"1405.09.01", Date{1405, 9, 1}},
		{" \u200f۱۴۰۵ / ۹ / ۱\u200e ", Date{1405, 9, 1}},
		{"1403/12/30", Date{1403, 12, 30}},
		{"1399/12/30", Date{1399, 12, 30}},
	}
	for _, tc := range tests {
		got, err := ParseJalali(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseJalali(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseJalaliInvalid(t *testing.T) {
	for _, in := range []string{
		"", "1405/09", "1405/09/01/02", "1402/12/30", "1405/13/01", "1405/07/31",
		"1405/00/10", "1405/09/00", "abcd/09/01", "+1405/09/01", "14050/09/01", "0/01/01",
	} {
		if d, err := ParseJalali(in); !errors.Is(err, ErrInvalidDate) {
			t.Errorf("ParseJalali(%q) = %v, %v; want ErrInvalidDate", in, d, err)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct{ got, want string }{
		{MonthName(1, "fa"), "فروردین"},
		{MonthName(9, "fa"), "آذر"},
		{MonthName(12, "fa"), "اسفند"},
		{MonthName(1, "en"), "Farvardin"},
		{MonthName(12, "en"), "Esfand"},
		{MonthName(13, "en"), ""},
		{GregorianMonthName(time.November, "fa"), "نوامبر"},
		{GregorianMonthName(time.November, "en"), "November"},
		{WeekdayName(time.Saturday, "fa"), "شنبه"},
		{WeekdayName(time.Tuesday, "fa"), "سه\u200cشنبه"},
		{WeekdayName(time.Friday, "fa"), "جمعه"},
		{WeekdayName(time.Friday, "en"), "Friday"},
		{WeekdayName(time.Weekday(9), "en"), ""},
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("case %d: got %q, want %q", i, tc.got, tc.want)
		}
	}
}
