package locale

import (
	"strings"
	"unicode"
)

// Unicode ranges of the two non-ASCII decimal digit sets in use in Iran.
const (
	persianZero = '\u06F0' // EXTENDED ARABIC-INDIC DIGIT ZERO, used for Persian
	arabicZero  = '\u0660' // ARABIC-INDIC DIGIT ZERO, still typed by Arabic keyboards
)

// LatinDigit returns the ASCII digit for a Persian, Arabic-Indic or ASCII
// digit rune, and false for any other rune.
func LatinDigit(r rune) (rune, bool) {
	switch {
	case r >= '0' && r <= '9':
		return r, true
	case r >= persianZero && r <= persianZero+9:
		return '0' + r - persianZero, true
	case r >= arabicZero && r <= arabicZero+9:
		return '0' + r - arabicZero, true
	}
	return r, false
}

// LatinDigits converts Persian (U+06F0-U+06F9) and Arabic-Indic
// (U+0660-U+0669) digits in s to ASCII digits and leaves everything else
// as it is. Use it on any number a person typed before parsing it.
func LatinDigits(s string) string {
	return strings.Map(func(r rune) rune {
		d, _ := LatinDigit(r)
		return d
	}, s)
}

// PersianDigits converts the ASCII digits in s to Persian digits and leaves
// everything else as it is.
func PersianDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return persianZero + r - '0'
		}
		return r
	}, s)
}

// LocalDigits returns s with Persian digits when lang is Persian and
// unchanged otherwise.
func LocalDigits(s, lang string) string {
	if IsPersian(lang) {
		return PersianDigits(s)
	}
	return s
}

// Clean prepares text a person typed or pasted for parsing: it converts
// Persian and Arabic-Indic digits to ASCII, drops invisible format marks
// (ZWNJ, ZWJ, LRM, RLM, ALM, bidi embeddings and isolates, BOM, soft
// hyphen) and trims surrounding white space. Inner spaces are kept.
func Clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		d, _ := LatinDigit(r)
		return d
	}, s)
	return strings.TrimSpace(s)
}

// isDigits reports whether s is non-empty and all ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
