package locale

import (
	"testing"
	"time"
)

func TestStartOfWeek(t *testing.T) {
	tehran := azar1.Location()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, tehran) }
	tests := []struct {
		name string
		t    time.Time
		lang string
		want time.Time
	}{
		{"fa Sunday", azar1, "fa", day(2026, 11, 21)},
		{"fa Saturday itself", time.Date(2026, 11, 21, 23, 59, 0, 0, tehran), "fa", day(2026, 11, 21)},
		{"fa Friday", time.Date(2026, 11, 27, 8, 0, 0, 0, tehran), "fa", day(2026, 11, 21)},
		{"en Sunday", azar1, "en", day(2026, 11, 16)},
		{"en Monday itself", day(2026, 11, 16), "en", day(2026, 11, 16)},
		{"fa across Nowruz", day(2024, 3, 20), "fa", day(2024, 3, 16)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := StartOfWeek(tc.t, tc.lang)
			if !got.Equal(tc.want) || got.Location() != tehran {
				t.Errorf("StartOfWeek = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestWorkingWeek(t *testing.T) {
	if FirstWeekday("fa") != time.Saturday || FirstWeekday("en") != time.Monday {
		t.Error("wrong first weekday")
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if got, want := IsWeekend(d, "fa"), d == time.Friday; got != want {
			t.Errorf("IsWeekend(%v, fa) = %v", d, got)
		}
		if got, want := IsWeekend(d, "en"), d == time.Saturday || d == time.Sunday; got != want {
			t.Errorf("IsWeekend(%v, en) = %v", d, got)
		}
	}
}

func TestDefaultTimezone(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"fa", "Asia/Tehran"}, {"fa-IR", "Asia/Tehran"}, {"en", "UTC"}, {"", "UTC"},
	}
	for _, tc := range tests {
		if got := DefaultTimezone(tc.lang); got != tc.want {
			t.Errorf("DefaultTimezone(%q) = %q, want %q", tc.lang, got, tc.want)
		}
		if got := DefaultLocation(tc.lang).String(); got != tc.want {
			t.Errorf("DefaultLocation(%q) = %q, want %q", tc.lang, got, tc.want)
		}
	}
	// Iran has kept +03:30 all year since 2022.
	if _, off := azar1.Zone(); off != 3*3600+1800 {
		t.Errorf("Tehran offset = %d", off)
	}
}
