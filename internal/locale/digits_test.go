package locale

import (
	"math"
	"testing"
)

func TestLatinDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"0123456789", "0123456789"},
		{"کد ۱۲۳ و ٤٥٦", "کد 123 و 456"},
		{"", ""},
		{"abc", "abc"},
	}
	for _, tc := range tests {
		if got := LatinDigits(tc.in); got != tc.want {
			t.Errorf("LatinDigits(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPersianDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0123456789", "۰۱۲۳۴۵۶۷۸۹"},
		{"1405/09/01", "۱۴۰۵/۰۹/۰۱"},
		{"٤", "٤"}, // Arabic-Indic digits are left alone
		{"NPS 42", "NPS ۴۲"},
	}
	for _, tc := range tests {
		if got := PersianDigits(tc.in); got != tc.want {
			t.Errorf("PersianDigits(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if back := LatinDigits(PersianDigits(tc.in)); back != LatinDigits(tc.in) {
			t.Errorf("round trip of %q = %q", tc.in, back)
		}
	}
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		n    int64
		lang string
		want string
	}{
		{0, "en", "0"},
		{999, "en", "999"},
		{1000, "en", "1,000"},
		{1234567, "en", "1,234,567"},
		{-1234567, "en", "-1,234,567"},
		{math.MinInt64, "en", "-9,223,372,036,854,775,808"},
		{0, "fa", "۰"},
		{1234567, "fa", "۱٬۲۳۴٬۵۶۷"},
		{123456, "fa-IR", "۱۲۳٬۴۵۶"},
		{-42, "fa", "\u200e\u2212۴۲"},
	}
	for _, tc := range tests {
		if got := FormatInt(tc.n, tc.lang); got != tc.want {
			t.Errorf("FormatInt(%d, %q) = %q, want %q", tc.n, tc.lang, got, tc.want)
		}
	}
}

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		f        float64
		decimals int
		lang     string
		want     string
	}{
		{1234.5, 2, "en", "1,234.50"},
		{1234.5, 0, "en", "1,234"}, // rounds half to even
		{0.125, -1, "en", "0.125"},
		{-0.001, 2, "en", "0.00"},
		{-1234.567, 1, "en", "-1,234.6"},
		{1234.5, 2, "fa", "۱٬۲۳۴٫۵۰"},
		{3.14159, 2, "fa", "۳٫۱۴"},
		{-7.5, 1, "fa", "\u200e\u2212۷٫۵"},
		{math.NaN(), 2, "fa", "NaN"},
		{math.Inf(1), 2, "en", "+Inf"},
	}
	for _, tc := range tests {
		if got := FormatFloat(tc.f, tc.decimals, tc.lang); got != tc.want {
			t.Errorf("FormatFloat(%v, %d, %q) = %q, want %q", tc.f, tc.decimals, tc.lang, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  ۱۲۳\u200c۴  ", "1234"},
		{"\u200f۰۹۱۲\u200e", "0912"},
		{"\ufeff1405/09/01\u061c", "1405/09/01"},
		{"a b", "a b"},
	}
	for _, tc := range tests {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDirAndBase(t *testing.T) {
	tests := []struct{ lang, base, dir string }{
		{"fa", "fa", "rtl"},
		{"fa-IR", "fa", "rtl"},
		{"FA_ir", "fa", "rtl"},
		{"ar", "ar", "rtl"},
		{"en", "en", "ltr"},
		{"en-US", "en", "ltr"},
		{"", "", "ltr"},
	}
	for _, tc := range tests {
		if got := Base(tc.lang); got != tc.base {
			t.Errorf("Base(%q) = %q, want %q", tc.lang, got, tc.base)
		}
		if got := Dir(tc.lang); got != tc.dir {
			t.Errorf("Dir(%q) = %q, want %q", tc.lang, got, tc.dir)
		}
	}
}
