package locale

import (
	"testing"
	"time"
)

// knownDates pairs Jalali and Gregorian dates across 1300-1500: Nowruz and
// the last day of Esfand around leap years, famous dates, and a spread of
// days in every season.
var knownDates = []struct{ jalali, gregorian string }{
	{"1300/01/01", "1921-03-21"}, {"1300/01/02", "1921-03-22"}, {"1300/12/30", "1922-03-21"},
	{"1309/05/19", "1930-08-10"}, {"1318/09/27", "1939-12-19"}, {"1327/09/27", "1948-12-18"},
	{"1336/01/14", "1957-04-03"}, {"1345/09/01", "1966-11-22"}, {"1354/01/01", "1975-03-21"},
	{"1354/01/06", "1975-03-26"}, {"1354/12/30", "1976-03-20"}, {"1357/01/01", "1978-03-21"},
	{"1357/11/22", "1979-02-11"}, {"1357/12/29", "1979-03-20"}, {"1358/01/01", "1979-03-21"},
	{"1358/12/30", "1980-03-20"}, {"1363/05/29", "1984-08-20"}, {"1372/01/03", "1993-03-23"},
	{"1375/01/01", "1996-03-20"}, {"1375/12/30", "1997-03-20"}, {"1379/01/01", "2000-03-20"},
	{"1379/12/30", "2001-03-20"}, {"1381/01/26", "2002-04-15"}, {"1390/09/29", "2011-12-20"},
	{"1399/01/01", "2020-03-20"}, {"1399/05/05", "2020-07-26"}, {"1399/12/30", "2021-03-20"},
	{"1400/01/01", "2021-03-21"}, {"1400/12/29", "2022-03-20"}, {"1402/01/01", "2023-03-21"},
	{"1402/12/29", "2024-03-19"}, {"1403/01/01", "2024-03-20"}, {"1403/12/30", "2025-03-20"},
	{"1404/01/01", "2025-03-21"}, {"1404/12/29", "2026-03-20"}, {"1405/01/01", "2026-03-21"},
	{"1405/09/01", "2026-11-22"}, {"1405/12/29", "2027-03-20"}, {"1408/01/01", "2029-03-20"},
	{"1408/12/30", "2030-03-20"}, {"1417/01/08", "2038-03-28"}, {"1426/01/17", "2047-04-06"},
	{"1435/05/18", "2056-08-08"}, {"1444/01/19", "2065-04-07"}, {"1453/05/06", "2074-07-27"},
	{"1462/09/03", "2083-11-24"}, {"1471/05/28", "2092-08-18"}, {"1480/09/19", "2101-12-10"},
	{"1489/01/31", "2110-04-20"}, {"1498/01/19", "2119-04-08"}, {"1500/01/01", "2121-03-21"},
	{"1500/12/29", "2122-03-20"},
}

func TestKnownDates(t *testing.T) {
	for _, tc := range knownDates {
		t.Run(tc.jalali, func(t *testing.T) {
			g, err := time.Parse("2006-01-02", tc.gregorian)
			if err != nil {
				t.Fatal(err)
			}
			if got := ToJalali(g).String(); got != tc.jalali {
				t.Errorf("ToJalali(%s) = %s, want %s", tc.gregorian, got, tc.jalali)
			}
			d, err := ParseJalali(tc.jalali)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Time(time.UTC); !got.Equal(g) {
				t.Errorf("FromJalali(%s) = %s, want %s", tc.jalali, got.Format(time.DateOnly), tc.gregorian)
			}
		})
	}
}

// leapYears are the Jalali leap years from 1300 to 1500 in the calendar
// Iran uses.
var leapYears = []int{
	1300, 1304, 1309, 1313, 1317, 1321, 1325, 1329, 1333, 1337, 1342, 1346, 1350,
	1354, 1358, 1362, 1366, 1370, 1375, 1379, 1383, 1387, 1391, 1395, 1399, 1403,
	1408, 1412, 1416, 1420, 1424, 1428, 1432, 1436, 1441, 1445, 1449, 1453, 1457,
	1461, 1465, 1469, 1474, 1478, 1482, 1486, 1490, 1494, 1498,
}

func TestIsLeap(t *testing.T) {
	want := map[int]bool{}
	for _, y := range leapYears {
		want[y] = true
	}
	for y := 1300; y <= 1500; y++ {
		if IsLeap(y) != want[y] {
			t.Errorf("IsLeap(%d) = %v, want %v", y, IsLeap(y), want[y])
		}
	}
}

func TestDaysInMonth(t *testing.T) {
	tests := []struct{ y, m, want int }{
		{1403, 1, 31}, {1403, 6, 31}, {1403, 7, 30}, {1403, 11, 30},
		{1403, 12, 30}, {1402, 12, 29}, {1399, 12, 30}, {1404, 12, 29},
		{1403, 0, 0}, {1403, 13, 0},
	}
	for _, tc := range tests {
		if got := DaysInMonth(tc.y, tc.m); got != tc.want {
			t.Errorf("DaysInMonth(%d, %d) = %d, want %d", tc.y, tc.m, got, tc.want)
		}
	}
}

// TestEveryDayRoundTrips walks every day from 1300/01/01 to 1500/12/end
// and checks that consecutive Jalali days are consecutive Gregorian days
// and that both conversions agree.
func TestEveryDayRoundTrips(t *testing.T) {
	want := FromJalali(1300, 1, 1, time.UTC)
	for y := 1300; y <= 1500; y++ {
		for m := 1; m <= 12; m++ {
			for d := 1; d <= DaysInMonth(y, m); d++ {
				got := FromJalali(y, m, d, time.UTC)
				if !got.Equal(want) {
					t.Fatalf("FromJalali(%d, %d, %d) = %s, want %s", y, m, d, got, want)
				}
				if back := ToJalali(got); back != (Date{y, m, d}) {
					t.Fatalf("ToJalali(%s) = %v, want %d/%d/%d", got, back, y, m, d)
				}
				want = want.AddDate(0, 0, 1)
			}
		}
	}
	if got := ToJalali(want); got != (Date{1501, 1, 1}) {
		t.Errorf("day after 1500 = %v, want 1501/01/01", got)
	}
}

func TestToJalaliUsesLocation(t *testing.T) {
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	// 21:00 UTC on 2024-03-19 is already 00:30 on 2024-03-20 in Tehran.
	utc := time.Date(2024, 3, 19, 21, 0, 0, 0, time.UTC)
	if got := ToJalali(utc); got != (Date{1402, 12, 29}) {
		t.Errorf("UTC: got %v, want 1402/12/29", got)
	}
	if got := ToJalali(utc.In(tehran)); got != (Date{1403, 1, 1}) {
		t.Errorf("Tehran: got %v, want 1403/01/01", got)
	}
}

func TestFromJalali(t *testing.T) {
	tehran, _ := time.LoadLocation("Asia/Tehran")
	tests := []struct {
		name    string
		y, m, d int
		loc     *time.Location
		want    time.Time
	}{
		{"midnight in Tehran", 1403, 1, 1, tehran, time.Date(2024, 3, 20, 0, 0, 0, 0, tehran)},
		{"nil location is UTC", 1403, 1, 1, nil, time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)},
		{"month 13 is next Farvardin", 1402, 13, 1, time.UTC, time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)},
		{"month 0 is last Esfand", 1403, 0, 1, time.UTC, time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)},
		{"day 32 rolls over", 1403, 1, 32, time.UTC, time.Date(2024, 4, 20, 0, 0, 0, 0, time.UTC)},
		{"day 0 is day before", 1403, 1, 0, time.UTC, time.Date(2024, 3, 19, 0, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := FromJalali(tc.y, tc.m, tc.d, tc.loc)
			if !got.Equal(tc.want) || got.Location() != tc.want.Location() {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestDateMethods(t *testing.T) {
	tests := []struct {
		d       Date
		valid   bool
		weekday time.Weekday
	}{
		{Date{1403, 1, 1}, true, time.Wednesday},
		{Date{1405, 9, 1}, true, time.Sunday},
		{Date{1403, 12, 30}, true, time.Thursday},
		{Date{1402, 12, 30}, false, 0},
		{Date{1403, 7, 31}, false, 0},
		{Date{1403, 13, 1}, false, 0},
		{Date{0, 1, 1}, false, 0},
	}
	for _, tc := range tests {
		if got := tc.d.Valid(); got != tc.valid {
			t.Errorf("%v.Valid() = %v, want %v", tc.d, got, tc.valid)
		}
		if tc.valid && tc.d.Weekday() != tc.weekday {
			t.Errorf("%v.Weekday() = %v, want %v", tc.d, tc.d.Weekday(), tc.weekday)
		}
	}
}
