package locale

import "time"

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
