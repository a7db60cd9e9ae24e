package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/demo"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// BenchmarkPages times each console page through the real handlers, with
// a real session, on a database loaded with the demo data, and reports
// the 95th percentile of server time (p95-ms) beside the mean.
func BenchmarkPages(b *testing.B) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		b.Run(d.String(), func(b *testing.B) {
			db := storetest.Open(b, d)
			ctx := context.Background()
			spaces, err := demo.Load(ctx, db, demo.Options{Seed: 1405, Now: time.Now().UTC()})
			if err != nil {
				b.Fatal(err)
			}
			c, err := New(db, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Version: "bench"})
			if err != nil {
				b.Fatal(err)
			}
			cookie := benchSignIn(b, c)
			var cust int64
			db.QueryRow(ctx, "SELECT MIN(id) FROM customers WHERE workspace_id = ?", spaces[0].WorkspaceID).Scan(&cust)
			var kase, sv int64
			db.QueryRow(ctx, "SELECT MIN(id) FROM cases WHERE workspace_id = ?", spaces[0].WorkspaceID).Scan(&kase)
			db.QueryRow(ctx, "SELECT MIN(id) FROM surveys WHERE workspace_id = ?", spaces[0].WorkspaceID).Scan(&sv)
			var prog int64
			db.QueryRow(ctx, "SELECT MIN(id) FROM programs WHERE workspace_id = ?", spaces[0].WorkspaceID).Scan(&prog)
			pages := []string{"/overview", "/journey", "/journey/staff", "/customers?q=" + url.QueryEscape("۰۹۱۲"),
				fmt.Sprintf("/customers/%d", cust), "/settings/touchpoints", "/settings/users", "/settings/keys", "/login",
				"/cases", fmt.Sprintf("/cases/%d", kase), "/surveys", fmt.Sprintf("/surveys/%d", sv),
				fmt.Sprintf("/surveys/%d/preview", sv), fmt.Sprintf("/surveys/%d/distribute", sv), fmt.Sprintf("/surveys/%d/results", sv),
				"/analytics", "/analytics/drivers", "/analytics/experience", "/analytics/loop",
				"/settings/rules", "/settings/calendar", "/settings/channels",
				"/programs", "/programs/new", fmt.Sprintf("/programs/%d", prog), fmt.Sprintf("/programs/%d/dry-run", prog)}
			for _, p := range pages {
				b.Run(benchName(p), func(b *testing.B) { benchPage(b, c, cookie, p) })
			}
		})
	}
}

func benchSignIn(b *testing.B, c *Console) *http.Cookie {
	form := url.Values{"email": {demo.AdminEmail}, "password": {demo.AdminPassword}}
	req := httptest.NewRequest("POST", "/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept-Language", "fa")
	rec := httptest.NewRecorder()
	c.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther || len(rec.Result().Cookies()) == 0 {
		b.Fatalf("sign in: %d", rec.Code)
	}
	return rec.Result().Cookies()[0]
}

func benchPage(b *testing.B, c *Console, cookie *http.Cookie, path string) {
	times := make([]time.Duration, 0, b.N)
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(cookie)
		rec := httptest.NewRecorder()
		start := time.Now()
		c.ServeHTTP(rec, req)
		times = append(times, time.Since(start))
		if rec.Code >= 500 || rec.Code == http.StatusSeeOther && strings.HasPrefix(rec.Header().Get("Location"), "/login") {
			b.Fatalf("%s: %d", path, rec.Code)
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}

// benchName names a page's benchmark by its path, ids as "id".
func benchName(p string) string {
	parts := strings.Split(strings.Trim(strings.SplitN(p, "?", 2)[0], "/"), "/")
	for i, s := range parts {
		if _, err := strconv.Atoi(s); err == nil {
			parts[i] = "id"
		}
	}
	return strings.Join(parts, "/")
}
