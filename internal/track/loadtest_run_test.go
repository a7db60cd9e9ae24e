package track_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track"
	"github.com/tajrobe/tajrobe/internal/track/loadtest"
)

// The load generator's warm-up is sent like the rest and stored, but
// neither counted nor timed: what a run reports is the measured part, and
// the two parts together are what the server stored.
func TestLoadRunWarmsUpUnmeasured(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, track.Options{})
		res := loadtest.Run(context.Background(), loadtest.Config{URL: f.srv.URL, WriteKey: f.ws.WriteKey,
			Batch: 1, Workers: 4, Rate: 400, Warmup: 300 * time.Millisecond, Duration: 500 * time.Millisecond, Users: 50, Seed: 7})
		if res.Failed != 0 {
			t.Fatalf("%d requests failed: %s", res.Failed, res.FirstErr)
		}
		if res.Warmup < 60 || res.Events < 120 {
			t.Fatalf("at 400/s, 0.3 s of warm-up and 0.5 s measured sent %d and %d events", res.Warmup, res.Events)
		}
		if res.Elapsed < 400*time.Millisecond || res.Elapsed > 2*time.Second {
			t.Fatalf("the measured part lasted %s, want about 0.5 s", res.Elapsed)
		}
		if res.P50 <= 0 || res.Max < res.P99 {
			t.Fatalf("latencies p50 %s p99 %s max %s", res.P50, res.P99, res.Max)
		}
		f.flush()
		if n := f.count(`SELECT COUNT(*) FROM events`); int64(n) != res.Warmup+res.Events {
			t.Fatalf("stored %d events, sent %d warm-up and %d measured", n, res.Warmup, res.Events)
		}
	})
}
