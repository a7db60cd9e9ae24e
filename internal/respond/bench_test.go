package respond_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/respond"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// BenchmarkSurveyPage serves the first load of a personal survey link
// (token check, survey, profile, stored answers, render, gzip) on SQLite
// and reports the server time p99 and the compressed bytes. Targets:
// p99 ≤ 10 ms, ≤ 14 KB in one request.
//
//	go test ./internal/respond -run '^$' -bench SurveyPage -benchtime 5000x
func BenchmarkSurveyPage(b *testing.B) {
	db := storetest.Open(b, store.SQLite)
	ws := &workspace.Workspace{Name: "کفش آریا", Language: "fa"}
	if err := db.InTx(ctx, func(tx *store.Tx) error { return workspace.Create(ctx, tx, ws) }); err != nil {
		b.Fatal(err)
	}
	s, _ := survey.Template("store_visit")
	survey.Create(ctx, db, ws.ID, "b", &s)
	p, _ := survey.Publish(ctx, db, ws.ID, "b", s.ID)
	iv := &survey.Inviter{DB: db, Workspace: ws, BaseURL: "https://x"}
	got, _, err := iv.Invite(ctx, p, survey.InviteRequest{Channel: "link", Recipients: []survey.Recipient{
		{Identities: []customer.Identity{{Kind: customer.Phone, Value: "09121234567"}}}}})
	if err != nil {
		b.Fatal(err)
	}
	h := respond.New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), "https://x")
	mux := http.NewServeMux()
	for pat, hh := range h.Routes() {
		mux.Handle(pat, hh)
	}
	path := strings.TrimPrefix(got[0].Invitation.URL, "https://x")
	times := make([]time.Duration, 0, b.N)
	size := 0
	b.ResetTimer()
	for range b.N {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Encoding", "gzip, br")
		rec := httptest.NewRecorder()
		start := time.Now()
		mux.ServeHTTP(rec, req)
		times = append(times, time.Since(start))
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
		size = rec.Body.Len()
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(size), "gzip-bytes")
}
