package loop_test

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// BenchmarkDetractorToCase measures one detractor answer (web, SMS or
// keypad in turn) to a committed case with its owner, deadlines, timers
// and alert queued, while a writer stores 5,000 events a second in group
// commits beside it, as ingestion does. It reports the
// p50 and p99 of that path and the event rate actually achieved.
func BenchmarkDetractorToCase(b *testing.B) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		b.Run(d.String(), func(b *testing.B) {
			db := storetest.Open(b, d)
			w := newWorld(b, db)
			db.SetClock(time.Now)
			w.rule(rules.Rule{Name: "detractors", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnResponse},
				When: []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: num(6)}},
				Then: []rules.Action{{Kind: rules.OpenCase, Reason: "detractor", Team: "پشتیبانی"}}})
			custs := benchCustomers(b, db, w.ws.ID, b.N+200)
			ctx, stop := context.WithCancel(context.Background())
			var written atomic.Int64
			done := make(chan struct{})
			go ingest(ctx, db, w.ws.ID, custs[:200], &written, done)
			time.Sleep(200 * time.Millisecond) // let the load settle
			start, before := time.Now(), written.Load()
			lat := make([]time.Duration, 0, b.N)
			channels := []string{"web", "sms", "ivr"}
			b.ResetTimer()
			for i := range b.N {
				score := i % 7
				t0 := time.Now()
				err := db.InTx(ctx, func(tx *store.Tx) error {
					cases, err := loop.OnResponse(ctx, tx, loop.Response{WorkspaceID: w.ws.ID, CustomerID: custs[200+i],
						ResponseID: int64(i + 1), Channel: channels[i%3], Touchpoint: "delivery",
						Answers: []rules.AnswerFact{{Question: "nps", Kind: "nps", Score: &score}}})
					if err == nil && len(cases) != 1 {
						err = fmt.Errorf("opened %d cases", len(cases))
					}
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			b.StopTimer()
			rate := float64(written.Load()-before) / time.Since(start).Seconds()
			stop()
			<-done
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(rate, "events/s")
		})
	}
}

func benchCustomers(b *testing.B, db *store.DB, wsID int64, n int) []int64 {
	out := make([]int64, 0, n)
	must(b, db.InTx(context.Background(), func(tx *store.Tx) error {
		for i := range n {
			ids, _ := customer.NormalizeAll([]customer.Identity{{Kind: customer.UserID, Value: fmt.Sprintf("b%d", i)}}, "IR")
			res, err := customer.Resolve(context.Background(), tx, wsID, ids, nil)
			if err != nil {
				return err
			}
			out = append(out, res.CustomerID)
		}
		return nil
	}))
	return out
}

// ingest writes 5,000 events a second: each group commit takes what is
// owed since the start, so groups grow when commits slow down, as the
// ingester's do.
func ingest(ctx context.Context, db *store.DB, wsID int64, custs []int64, written *atomic.Int64, done chan struct{}) {
	defer close(done)
	start := time.Now()
	for ctx.Err() == nil {
		owed := int64(time.Since(start).Seconds()*5000) - written.Load()
		if owed <= 0 {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		if err := writeEvents(db, wsID, custs, written.Load(), min(owed, 4000)); err != nil {
			return
		}
		written.Add(min(owed, 4000))
	}
}

func writeEvents(db *store.DB, wsID int64, custs []int64, from, n int64) error {
	bg := context.Background()
	return db.InTx(bg, func(tx *store.Tx) error {
		ew, err := journey.NewEventWriter(bg, tx)
		if err != nil {
			return err
		}
		defer ew.Close(bg)
		for k := from; k < from+n; k++ {
			sig := int(k%5) - 2
			if _, err := ew.Insert(bg, &journey.Event{WorkspaceID: wsID, CustomerID: custs[k%int64(len(custs))],
				MessageID: fmt.Sprintf("load-%d", k), Type: "track", Name: "Order Delivered", Touchpoint: "delivery",
				Signal: &sig, OccurredAt: tx.Now, ReceivedAt: tx.Now}); err != nil {
				return err
			}
		}
		return nil
	})
}
