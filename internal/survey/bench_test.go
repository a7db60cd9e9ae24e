package survey_test

import (
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// BenchmarkSubmit stores complete responses (an NPS score and a comment)
// on SQLite from 64 concurrent respondents through the group committer,
// as the survey pages do. Target: 5,000 responses/s or more.
//
//	go test ./internal/survey -run '^$' -bench Submit -benchtime 20000x
func BenchmarkSubmit(b *testing.B) {
	benchSubmit(b, true)
}

// BenchmarkSubmitOneTxEach is the same load with one transaction per
// response, for comparison.
func BenchmarkSubmitOneTxEach(b *testing.B) {
	benchSubmit(b, false)
}

func benchSubmit(b *testing.B, grouped bool) {
	db := storetest.Open(b, store.SQLite)
	ws := newWorkspace(b, db)
	s := published(b, db, ws.ID, "post_purchase_nps")
	score, why := answer(b, s, "nps", "4"), answer(b, s, "why", "پیک دیر رسید و پیتزا سرد بود")
	var n atomic.Int64
	c := &survey.Committer{DB: db}
	b.SetParallelism(32) // 64 respondents on 2 cores
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			sub := &survey.Submission{Survey: s, SourceKey: "bench:" + strconv.FormatInt(n.Add(1), 10), Channel: "web",
				Language: "fa", Complete: true, Answers: []*survey.Answer{score, why}}
			var err error
			if grouped {
				_, err = c.Submit(ctx, sub)
			} else {
				_, err = submit(db, sub)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "responses/s")
}
