package locale

import "testing"

func TestParseAcceptLanguage(t *testing.T) {
	both := SupportedLanguages()
	tests := []struct {
		header    string
		supported []string
		want      string
	}{
		{"", both, "fa"},
		{"en", both, "en"},
		{"en-US,en;q=0.9", both, "en"},
		{"fa-IR,fa;q=0.9,en-US;q=0.8,en;q=0.7", both, "fa"},
		{"de-DE,de;q=0.9,en;q=0.5", both, "en"},
		{"de", both, "fa"},
		{"en;q=0.5, fa;q=0.8", both, "fa"},
		{"en;q=0.8, FA ; q=0.8", both, "en"},
		{"fa;q=0, en;q=0.1", both, "en"},
		{"fa;q=abc, en;q=0.1", both, "en"},
		{"*", []string{"en", "fa"}, "en"},
		{"de, *;q=0.5", both, "fa"},
		{"en-GB", []string{"fa", "en-US"}, "en-US"},
		{"en-us", []string{"en", "en-US"}, "en-US"},
		{"en", nil, ""},
	}
	for _, tc := range tests {
		if got := ParseAcceptLanguage(tc.header, tc.supported); got != tc.want {
			t.Errorf("ParseAcceptLanguage(%q, %v) = %q, want %q", tc.header, tc.supported, got, tc.want)
		}
	}
}
