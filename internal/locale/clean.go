package locale

import (
	"strings"
	"unicode"
)

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
