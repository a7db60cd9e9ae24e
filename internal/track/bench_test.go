package track_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track"
	"github.com/tajrobe/tajrobe/internal/track/loadtest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// BenchmarkIngest measures the server's side of ingestion without HTTP:
// parse and validate the bench's requests, resolve, group-commit, on a
// real database, with as many concurrent requests as the bench sends.
// b.N counts events. It reports events/s and the process's CPU time per
// event (getrusage), which moves less with the machine's load than
// events/s does. Run with -cpuprofile to see where an event's time goes:
//
//	go test ./internal/track -run '^$' -bench Ingest -benchtime 100000x -cpuprofile cpu.out
//
// "staged" commits every group to the inbox (StageAt 1) and reports, as
// well, applied-events/s: from the first request until the inbox is empty.
func BenchmarkIngest(b *testing.B) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		for _, c := range []struct{ batch, workers int }{{100, 16}, {1, 64}} {
			for _, m := range []struct {
				name    string
				stageAt int
			}{{"direct", -1}, {"staged", 1}} {
				b.Run(fmt.Sprintf("%s/batch=%d/%s", d, c.batch, m.name), func(b *testing.B) { benchIngest(b, d, c.batch, c.workers, m.stageAt) })
			}
		}
	}
}

func benchIngest(b *testing.B, d store.Dialect, batch, workers, stageAt int) {
	ctx := context.Background()
	db := storetest.Open(b, d)
	ws, err := onboard.Workspace(ctx, db, onboard.Request{
		Workspace:  workspace.Workspace{Name: "bench", Slug: "bench", Region: "IR"},
		AdminEmail: "a@example.com", AdminPassword: "correct horse battery",
	})
	if err != nil {
		b.Fatal(err)
	}
	in := track.New(db, track.Options{RateLimit: -1, StageAt: stageAt})
	defer in.Close()
	src, err := in.Authenticate(ctx, ws.WriteKey)
	if err != nil {
		b.Fatal(err)
	}
	gen := &loadtest.Generator{Batch: batch, Users: 10_000, Seed: uint64(time.Now().UnixNano())}
	requests := (b.N + batch - 1) / batch
	var next atomic.Int64
	var wg sync.WaitGroup
	cpu0 := cpuTime()
	b.ResetTimer()
	for w := range workers {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(gen.Seed, uint64(w)))
			var buf bytes.Buffer
			for next.Add(1) <= int64(requests) {
				buf.Reset()
				path := gen.Body(&buf, rng)
				typ := ""
				if path == "/v1/track" {
					typ = track.TypeTrack
				}
				events, rejected, err := in.Parse(src, buf.Bytes(), typ, db.Now())
				if err != nil || len(rejected) > 0 {
					b.Errorf("parse: %v %v", err, rejected)
					return
				}
				if err := in.Store(ctx, events); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	n := float64(requests * batch)
	b.ReportMetric(n/b.Elapsed().Seconds(), "events/s")
	start := time.Now()
	if err := in.Flush(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/n, "cpu-µs/event")
	b.ReportMetric(n/(b.Elapsed()+time.Since(start)).Seconds(), "applied-events/s")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
