package locale

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// iranRegion is Iran's ISO 3166 region code.
const iranRegion = "IR"

// DefaultRegion is the region assumed for phone numbers written without a
// country code when the caller names none.
const DefaultRegion = iranRegion

// ErrInvalidPhone is returned, wrapped with detail, for text that is not a
// valid phone number.
var ErrInvalidPhone = errors.New("invalid phone number")

// NormalizePhone returns the E.164 form ("+989121234567") of a phone number
// as people and systems write it: with or without the trunk 0, the country
// code, "+" or "00"; with spaces, dashes, dots or brackets; with Persian or
// Arabic-Indic digits and invisible marks (ZWNJ, LRM, RLM). Numbers without
// a country code are read as numbers of defaultRegion, an ISO 3166 code
// such as "IR" (DefaultRegion if empty). The number must be valid for its
// country, not only of a plausible length.
func NormalizePhone(raw, defaultRegion string) (string, error) {
	digits, err := phoneDigits(raw)
	if err != nil {
		return "", err
	}
	region := strings.ToUpper(strings.TrimSpace(defaultRegion))
	if region == "" {
		region = DefaultRegion
	}
	num, err := phonenumbers.Parse(digits, region)
	if err != nil {
		return "", fmt.Errorf("%w: %q: %v", ErrInvalidPhone, raw, err)
	}
	if err := checkPhone(num); err != nil {
		return "", fmt.Errorf("%w: %q: %s", ErrInvalidPhone, raw, err)
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}

// phoneDigits cleans raw down to its digits, led by "+" when it carries a
// country code ("+" or the international prefix "00").
func phoneDigits(raw string) (string, error) {
	s := Clean(raw)
	if s == "" {
		return "", fmt.Errorf("%w: empty", ErrInvalidPhone)
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case unicode.IsSpace(r) || strings.ContainsRune("-()./", r):
			// separators people put between groups of digits
		default:
			return "", fmt.Errorf("%w: %q: unexpected character %q", ErrInvalidPhone, raw, r)
		}
	}
	digits := b.String()
	if strings.HasPrefix(digits, "00") {
		digits = "+" + digits[2:]
	}
	if strings.TrimPrefix(digits, "+") == "" {
		return "", fmt.Errorf("%w: %q: no digits", ErrInvalidPhone, raw)
	}
	return digits, nil
}

// checkPhone explains why a parsed number is not valid, or returns nil.
func checkPhone(num *phonenumbers.PhoneNumber) error {
	switch phonenumbers.IsPossibleNumberWithReason(num) {
	case phonenumbers.TOO_SHORT:
		return errors.New("too short")
	case phonenumbers.TOO_LONG:
		return errors.New("too long")
	case phonenumbers.INVALID_COUNTRY_CODE:
		return errors.New("unknown country code")
	}
	if !phonenumbers.IsValidNumber(num) {
		return errors.New("not a number in use in its country")
	}
	return nil
}

// FormatPhone formats an E.164 number for display: Iranian numbers in the
// national form people dial ("0912 123 4567", "021 1234 5678"), others in
// the international form ("+44 20 7946 0958"); digits are Persian for
// Persian. Text that is not an E.164 number is returned as it is. In
// right-to-left pages wrap the result in an element with dir="ltr" so the
// groups keep their order.
func FormatPhone(e164, lang string) string {
	num, err := phonenumbers.Parse(e164, "")
	if err != nil || !strings.HasPrefix(e164, "+") {
		return e164
	}
	format := phonenumbers.INTERNATIONAL
	if phonenumbers.GetRegionCodeForNumber(num) == iranRegion {
		format = phonenumbers.NATIONAL
	}
	return LocalDigits(phonenumbers.Format(num, format), lang)
}
