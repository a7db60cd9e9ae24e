package comment_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// BenchmarkStoreAnalyses measures the worker's path end to end: find
// comments with no analysis, read them, store analyses and topics.
func BenchmarkStoreAnalyses(b *testing.B) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		b.Run(d.String(), func(b *testing.B) {
			ctx := context.Background()
			db := storetest.Open(b, d)
			f := newFixture(b, db)
			const n = 2000
			for i := range n {
				if i%2 == 0 {
					f.event("Review", map[string]any{"text": benchTexts[i%len(benchTexts)]}, t0, t0)
				} else {
					f.response("nps", i%11, benchTexts[i%len(benchTexts)], t0)
				}
			}
			var spent time.Duration
			for b.Loop() {
				b.StopTimer()
				if err := exec(db, `DELETE FROM comment_analyses`); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				got, err := comment.CatchUp(ctx, db)
				spent += time.Since(start)
				if err != nil || got != n {
					b.Fatalf("stored %d, %v", got, err)
				}
			}
			b.ReportMetric(float64(n*b.N)/spent.Seconds(), "comments/s")
		})
	}
}

var benchTexts = []string{
	"پیک دو ساعت دیر رسید و غذا سرد بود، دیگه سفارش نمیدم",
	"کیفیت کفش عالیه ولی سایزش کمی تنگ بود",
	"برخورد فروشنده خیلی محترمانه بود، ممنون",
	"The pizza was great but delivery took forever.",
	"Staff were friendly and the store was spotless.",
	"I was charged twice and nobody answers the phone 😡",
	"قیمت‌ها نسبت به کیفیت منصفانه است",
	"ok",
}
