package track

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track/loadtest"
)

// BenchmarkReceive measures what a node does for a batch of 100 events
// before the group commit: parse and validate it, then encode it for the
// inbox. ns/op is per event.
func BenchmarkReceive(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	src := inboxFixture(b, db)
	in := &Ingester{opt: Options{MaxFuture: DefaultMaxFuture}}
	gen := &loadtest.Generator{Batch: 100, Users: 10_000, Seed: 1}
	var bodies [][]byte
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		var buf bytes.Buffer
		gen.Body(&buf, rng)
		bodies = append(bodies, buf.Bytes())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i += 100 {
		events, rejected, err := in.Parse(src, bodies[i/100%len(bodies)], "", time.Now())
		if err != nil || len(rejected) > 0 {
			b.Fatal(err, rejected)
		}
		for _, r := range inboxRows(events) {
			encodeEvents(nil, r.events)
		}
	}
}
