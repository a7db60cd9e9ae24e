package analytics_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// TestTrendsAreSeriesReadTogether: reading several metrics at once gives
// each exactly the points Series gives it alone, with and without a
// segment, and a cell's signals match the journey map's.
func TestTrendsAreSeriesReadTogether(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		w.populate(t, 90)
		metrics := []string{"nps", "csat", "ces", "signal_balance", "events"}
		for _, q := range []string{"from=2025-11-20&to=2026-11-21", "from=2025-11-20&to=2026-11-21&segment=has_kids:eq:true"} {
			f := w.filter(t, q)
			for _, by := range []bool{false, true} {
				r := analytics.SeriesRequest{Unit: "week", Calendar: "jalali", ByTouchpoint: by}
				all, err := w.q.Trends(ctx, f, r, metrics...)
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range metrics {
					r.Metric = m
					one, err := w.q.Series(ctx, f, r)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(all[m], one) || (m != "ces" && len(one) == 0) {
						t.Fatalf("%s %s by touchpoint %v: trends %d points, series %d", q, m, by, len(all[m]), len(one))
					}
				}
			}
		}
		if _, err := w.q.Trends(ctx, w.filter(t, "from=2025-11-20&to=2026-11-21"), analytics.SeriesRequest{Unit: "week", Calendar: "jalali"}, "nps", "mood"); errs.FieldOf(err) != "metric" {
			t.Fatalf("an unknown metric: %v", err)
		}
		year := w.filter(t, "from=2025-11-20&to=2026-11-21")
		cells, err := w.q.JourneyMap(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		light, err := w.q.TouchpointSignals(ctx, year)
		if err != nil || len(light) != len(cells) {
			t.Fatalf("touchpoint signals: %d cells, %v", len(light), err)
		}
		for i, c := range cells {
			l := light[i]
			if l.Touchpoint != c.Touchpoint || l.Stage != c.Stage || l.Events != c.Events || l.Positive != c.Positive ||
				l.Negative != c.Negative || l.SignalBalance.Estimate != c.SignalBalance.Estimate {
				t.Fatalf("cell %d: %+v, journey map %+v", i, l, c)
			}
		}
	})
}

// TestSummaryReadsBothPeriodsAtOnce: the headline of a period and of the
// one before, read together, count what separate reads of each count —
// also when the periods start and end mid-day, as the console's do.
func TestSummaryReadsBothPeriodsAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		w.populate(t, 90)
		for _, days := range []int{30, 90} {
			f := analytics.Filter{From: w.now.AddDate(0, 0, -days), To: w.now}
			prev := analytics.Filter{From: f.From.Add(-f.To.Sub(f.From)), To: f.From}
			s, err := w.q.Summary(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				f    analytics.Filter
				nps  analytics.Estimate
				name string
			}{{f, s.NPS.Estimate, "now"}, {prev, s.NPS.Change.Previous, "before"}} {
				pts, err := w.q.Series(ctx, c.f, analytics.SeriesRequest{Metric: "nps", Unit: "day", Calendar: "gregorian"})
				if err != nil {
					t.Fatal(err)
				}
				var n int64
				for _, p := range pts {
					n += p.N
				}
				if n != c.nps.N || n == 0 {
					t.Fatalf("%d days, %s: summary counts %d NPS answers, the daily series %d", days, c.name, c.nps.N, n)
				}
			}
			cells, _ := w.q.TouchpointSignals(ctx, f)
			var events int64
			for _, c := range cells {
				events += c.Events
			}
			if events != s.Events {
				t.Fatalf("%d days: summary counts %d events, the touchpoints %d", days, s.Events, events)
			}
		}
	})
}
