package locale

import (
	"errors"
	"strings"
	"testing"
)

const mobile = "+989121234567"

// toPersian and toArabic rewrite the ASCII digits of s in the other digit
// sets people type phone numbers with.
func toPersian(s string) string { return PersianDigits(s) }

func toArabic(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return arabicZero + r - '0'
		}
		return r
	}, s)
}

// iranianMobileForms are the ways people and systems write 0912 123 4567.
var iranianMobileForms = []string{
	"09121234567",
	"9121234567",
	"+989121234567",
	"00989121234567",
	"989121234567",
	"0912 123 4567",
	"0912-123-4567",
	"(0912) 123-4567",
	"+98 912 123 4567",
	"+98 (0) 912 123 4567",
	"+98 0912 123 4567",
	"0912.123.4567",
}

func TestNormalizePhoneIranianMobile(t *testing.T) {
	for _, form := range iranianMobileForms {
		variants := map[string]string{
			"ascii":        form,
			"persian":      toPersian(form),
			"arabic":       toArabic(form),
			"whitespace":   "  \t" + form + " \n",
			"nbsp":         strings.ReplaceAll(form, " ", "\u00a0"),
			"zwnj":         "\u200c" + toPersian(form) + "\u200c",
			"bidi marks":   "\u200f" + toPersian(form) + "\u200e",
			"mixed digits": toArabic(form[:len(form)/2]) + toPersian(form[len(form)/2:]),
		}
		for name, in := range variants {
			t.Run(form+"/"+name, func(t *testing.T) {
				got, err := NormalizePhone(in, "IR")
				if err != nil || got != mobile {
					t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, err, mobile)
				}
			})
		}
	}
}

func TestNormalizePhoneOthers(t *testing.T) {
	tests := []struct{ raw, region, want string }{
		{"021 1234 5678", "IR", "+982112345678"},
		{"۰۲۱-۱۲۳۴-۵۶۷۸", "IR", "+982112345678"},
		{"(021) 12345678", "", "+982112345678"},
		{"+98 21 1234 5678", "US", "+982112345678"},
		{"+44 20 7946 0958", "IR", "+442079460958"},
		{"020 7946 0958", "GB", "+442079460958"},
		{"+1 415 555 2671", "IR", "+14155552671"},
		{"(415) 555-2671", "us", "+14155552671"},
		{"0049 30 123456", "IR", "+4930123456"},
		{"0049 30 123456", "US", "+4930123456"},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			got, err := NormalizePhone(tc.raw, tc.region)
			if err != nil || got != tc.want {
				t.Errorf("NormalizePhone(%q, %q) = %q, %v; want %q", tc.raw, tc.region, got, err, tc.want)
			}
		})
	}
}

func TestNormalizePhoneInvalid(t *testing.T) {
	tests := []struct{ name, raw, detail string }{
		{"empty", "", "empty"},
		{"only spaces and marks", " \u200c\u200f ", "empty"},
		{"only separators", "--", "no digits"},
		{"letters", "0912abc4567", "unexpected character"},
		{"vanity letters", "1-800-FLOWERS", "unexpected character"},
		{"plus in the middle", "0912+1234567", "unexpected character"},
		{"too short", "12", "too short"},
		{"one digit short", "0912123456", "not a number in use"},
		{"one digit long", "091212345678", ""},
		{"unknown country", "+999 1234 5678", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := NormalizePhone(tc.raw, "IR")
			if !errors.Is(err, ErrInvalidPhone) {
				t.Fatalf("NormalizePhone(%q) = %q, %v; want ErrInvalidPhone", tc.raw, got, err)
			}
			if !strings.Contains(err.Error(), tc.detail) {
				t.Errorf("error %q does not say %q", err, tc.detail)
			}
		})
	}
}

func TestFormatPhone(t *testing.T) {
	tests := []struct{ e164, lang, want string }{
		{mobile, "en", "0912 123 4567"},
		{mobile, "fa", "۰۹۱۲ ۱۲۳ ۴۵۶۷"},
		{"+982112345678", "en", "021 1234 5678"},
		{"+442079460958", "en", "+44 20 7946 0958"},
		{"+442079460958", "fa", "+۴۴ ۲۰ ۷۹۴۶ ۰۹۵۸"},
		{"not a phone", "fa", "not a phone"},
		{"09121234567", "en", "09121234567"},
	}
	for _, tc := range tests {
		if got := FormatPhone(tc.e164, tc.lang); got != tc.want {
			t.Errorf("FormatPhone(%q, %q) = %q, want %q", tc.e164, tc.lang, got, tc.want)
		}
	}
}
