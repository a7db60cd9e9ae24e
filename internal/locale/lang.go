package locale

import (
	"strings"
	"time"

	// Embed the IANA time zone database so Asia/Tehran and every other
	// zone load even on minimal images (scratch, distroless) that ship
	// no tzdata.
	_ "time/tzdata"
)

// Language tags Tajrobe ships catalogs for.
const (
	Persian = "fa"
	English = "en"
)

// SupportedLanguages returns the languages Tajrobe ships, the default
// first, in a new slice the caller may keep; it suits ParseAcceptLanguage.
func SupportedLanguages() []string {
	return []string{Persian, English}
}

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

// Time zone names, as in the IANA database.
const (
	Tehran = "Asia/Tehran"
	UTC    = "UTC"
)

// DefaultTimezone returns the IANA time zone an account in lang starts
// with: Asia/Tehran for Persian, UTC otherwise.
func DefaultTimezone(lang string) string {
	if IsPersian(lang) {
		return Tehran
	}
	return UTC
}

// DefaultLocation returns the location of DefaultTimezone(lang). The zone
// database is embedded in the binary, so loading cannot fail in practice;
// UTC is returned if it ever does.
func DefaultLocation(lang string) *time.Location {
	loc, err := time.LoadLocation(DefaultTimezone(lang))
	if err != nil {
		return time.UTC
	}
	return loc
}
