package locale

import "time"

var jalaliMonths = map[string][12]string{
	Persian: {"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
		"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"},
	English: {"Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
		"Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"},
}

// persianGregorianMonths are the Gregorian month names as written in Iran.
var persianGregorianMonths = [12]string{"ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
	"ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"}

// persianWeekdays is indexed by time.Weekday (Sunday first).
var persianWeekdays = [7]string{"یکشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه",
	"پنج\u200cشنبه", "جمعه", "شنبه"}

// MonthName returns the name of Jalali month m (1-12): "آذر" in Persian,
// "Azar" otherwise. It returns "" for a month out of range.
func MonthName(m int, lang string) string {
	if m < 1 || m > 12 {
		return ""
	}
	if IsPersian(lang) {
		return jalaliMonths[Persian][m-1]
	}
	return jalaliMonths[English][m-1]
}

// GregorianMonthName returns the name of Gregorian month m: "نوامبر" in
// Persian, "November" otherwise. It returns "" for a month out of range.
func GregorianMonthName(m time.Month, lang string) string {
	if m < time.January || m > time.December {
		return ""
	}
	if IsPersian(lang) {
		return persianGregorianMonths[m-1]
	}
	return m.String()
}

// WeekdayName returns the name of weekday d: "شنبه" for Saturday in
// Persian, "Saturday" otherwise.
func WeekdayName(d time.Weekday, lang string) string {
	if d < time.Sunday || d > time.Saturday {
		return ""
	}
	if IsPersian(lang) {
		return persianWeekdays[d]
	}
	return d.String()
}
