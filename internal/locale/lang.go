package locale

import "strings"

// Language tags Tajrobe ships catalogs for.
const (
	Persian = "fa"
	English = "en"
)

// Languages lists the supported languages, the default first.
var Languages = []string{Persian, English}

// rtlLanguages are base languages written right to left.
var rtlLanguages = map[string]bool{
	"ar": true, "ckb": true, "dv": true, "fa": true, "he": true,
	"ps": true, "sd": true, "ug": true, "ur": true, "yi": true,
}

// Base returns the lower-case base language of a tag: "fa-IR" gives "fa",
// "en_US" gives "en".
func Base(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

// IsPersian reports whether lang is Persian in any regional variant.
func IsPersian(lang string) bool {
	return Base(lang) == Persian
}

// Dir returns the text direction of lang for the HTML dir attribute:
// "rtl" for Persian and other right-to-left scripts, "ltr" otherwise.
func Dir(lang string) string {
	if rtlLanguages[Base(lang)] {
		return "rtl"
	}
	return "ltr"
}
