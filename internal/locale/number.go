package locale

import (
	"math"
	"strconv"
	"strings"
)

// numberSymbols are the separators and sign a language writes numbers with.
type numberSymbols struct {
	decimal, group, minus string
}

var (
	// Persian follows CLDR: Arabic decimal and thousands separators, and a
	// minus sign led by a left-to-right mark so it stays on the left of
	// the number inside right-to-left text.
	persianSymbols = numberSymbols{decimal: "\u066B", group: "\u066C", minus: "\u200E\u2212"}
	englishSymbols = numberSymbols{decimal: ".", group: ",", minus: "-"}
)

func symbolsFor(lang string) numberSymbols {
	if IsPersian(lang) {
		return persianSymbols
	}
	return englishSymbols
}

// FormatInt formats n for display with thousands grouping: "۱٬۲۳۴٬۵۶۷" in
// Persian, "1,234,567" in English.
func FormatInt(n int64, lang string) string {
	return localiseNumber(strconv.FormatInt(n, 10), lang)
}

// FormatFloat formats f for display with the given number of decimals
// (rounded; a negative count means as many as needed) and thousands
// grouping: "۱٬۲۳۴٫۵۰" in Persian, "1,234.50" in English. NaN and the
// infinities are written as strconv writes them.
func FormatFloat(f float64, decimals int, lang string) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'f', decimals, 64)
	}
	return localiseNumber(strconv.FormatFloat(f, 'f', decimals, 64), lang)
}

// localiseNumber rewrites a plain decimal number ("-1234.5") with the
// grouping, separators, sign and digits of lang.
func localiseNumber(plain, lang string) string {
	sym := symbolsFor(lang)
	negative := strings.HasPrefix(plain, "-")
	plain = strings.TrimPrefix(plain, "-")
	intPart, frac, hasFrac := strings.Cut(plain, ".")
	var b strings.Builder
	if negative && strings.Trim(plain, "0.") != "" { // no "-0.00"
		b.WriteString(sym.minus)
	}
	b.WriteString(groupThousands(intPart, sym.group))
	if hasFrac {
		b.WriteString(sym.decimal)
		b.WriteString(frac)
	}
	return LocalDigits(b.String(), lang)
}

// groupThousands inserts sep between groups of three digits from the right.
func groupThousands(digits, sep string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(digits[:head])
	for i := head; i < len(digits); i += 3 {
		b.WriteString(sep)
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
