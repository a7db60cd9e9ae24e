package locale

import (
	"testing"
	"time"
)

func TestBucket(t *testing.T) {
	tehran := azar1.Location()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, tehran) }
	tests := []struct {
		unit, calendar string
		start          time.Time
		label          string
	}{
		{UnitDay, Jalali, day(2026, 11, 22), "1405-09-01"},
		{UnitWeek, Jalali, day(2026, 11, 21), "1405-08-30"},
		{UnitMonth, Jalali, day(2026, 11, 22), "1405-09"},
		{UnitQuarter, Jalali, day(2026, 9, 23), "1405-Q3"},
		{UnitYear, Jalali, day(2026, 3, 21), "1405"},
		{UnitDay, Gregorian, day(2026, 11, 22), "2026-11-22"},
		{UnitWeek, Gregorian, day(2026, 11, 16), "2026-11-16"},
		{UnitMonth, Gregorian, day(2026, 11, 1), "2026-11"},
		{UnitQuarter, Gregorian, day(2026, 10, 1), "2026-Q4"},
		{UnitYear, Gregorian, day(2026, 1, 1), "2026"},
		{UnitYear, "", day(2026, 1, 1), "2026"},
	}
	for _, tc := range tests {
		t.Run(tc.calendar+"/"+tc.unit, func(t *testing.T) {
			start, label := Bucket(azar1, tc.unit, tc.calendar)
			if !start.Equal(tc.start) || start.Location() != tehran || label != tc.label {
				t.Errorf("Bucket = %s %q, want %s %q", start, label, tc.start, tc.label)
			}
		})
	}
}

func TestBucketUnknownUnit(t *testing.T) {
	start, label := Bucket(azar1, "fortnight", Jalali)
	if !start.IsZero() || label != "" || IsUnit("fortnight") || !IsUnit(UnitQuarter) {
		t.Errorf("Bucket(fortnight) = %s %q", start, label)
	}
	if next := NextBucket(azar1, "fortnight", Jalali); !next.IsZero() {
		t.Errorf("NextBucket(fortnight) = %s", next)
	}
}

func TestBucketNowruzInTehran(t *testing.T) {
	// 21:00 UTC on 2024-03-19 is 00:30 on 1 Farvardin 1403 in Tehran.
	t0 := time.Date(2024, 3, 19, 21, 0, 0, 0, time.UTC)
	start, label := Bucket(t0.In(azar1.Location()), UnitYear, Jalali)
	if label != "1403" || !start.Equal(time.Date(2024, 3, 19, 20, 30, 0, 0, time.UTC)) {
		t.Errorf("Tehran: %s %q", start, label)
	}
	if _, label := Bucket(t0, UnitYear, Jalali); label != "1402" {
		t.Errorf("UTC: %q, want 1402", label)
	}
}

// TestBucketsTile walks every day of 1402-1405 in Tehran and checks, for
// every unit and calendar, that each day lies in [start, next) of its
// bucket, that labels grow strictly from one bucket to the next and that
// Jalali quarters hold three whole months.
func TestBucketsTile(t *testing.T) {
	loc := azar1.Location()
	for _, cal := range []string{Jalali, Gregorian} {
		for unit := range bucketSpan {
			prevLabel := ""
			for d := FromJalali(1402, 1, 1, loc); d.Before(FromJalali(1406, 1, 1, loc)); d = d.AddDate(0, 0, 1) {
				noon := d.Add(12 * time.Hour)
				start, label := Bucket(noon, unit, cal)
				next := NextBucket(noon, unit, cal)
				if noon.Before(start) || !noon.Before(next) {
					t.Fatalf("%s/%s: %s not in [%s, %s)", cal, unit, noon, start, next)
				}
				if _, nextLabel := Bucket(next, unit, cal); nextLabel <= label {
					t.Fatalf("%s/%s: label after %q is %q", cal, unit, label, nextLabel)
				}
				if label != prevLabel && start.Hour() != 0 {
					t.Fatalf("%s/%s: bucket %q starts at %s", cal, unit, label, start)
				}
				prevLabel = label
			}
		}
	}
	for q, month := range []int{1, 4, 7, 10} {
		start, label := Bucket(FromJalali(1404, month+2, 29, loc), UnitQuarter, Jalali)
		if !start.Equal(FromJalali(1404, month, 1, loc)) || label != "1404-Q"+string(rune('1'+q)) {
			t.Errorf("quarter %d: %s %q", q+1, start, label)
		}
	}
}
