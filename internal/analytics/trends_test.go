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
