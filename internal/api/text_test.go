package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// withBody serves the fixture again with a body limit that fits 100 KiB texts.
func (f *fixture) withBody(max int64) {
	s := &Server{DB: f.db, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), MaxBody: max}
	h, err := s.Handler()
	if err != nil {
		f.t.Fatal(err)
	}
	f.srv = httptest.NewServer(h)
	f.t.Cleanup(f.srv.Close)
}

func TestAnalyzeTexts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.withBody(4 << 20)
		key := f.a.SecretKey
		got := f.call("POST", "/api/v1/text/analyze", key, map[string]any{"texts": []string{
			"غذا خوشمزه بود ولی پیک خیلی دیر رسید", "", "😀😀😀", "میخوام order رو cancel کنم please",
			"The staff were rude.", strings.Repeat("عالی ", 11000)}}, 200) // 99 KB
		var res []map[string]any
		raw, _ := json.Marshal(got["results"])
		json.Unmarshal(raw, &res)
		want := []struct{ lang, sentiment string }{{"fa", ""}, {"", "neutral"}, {"", "positive"}, {"mixed", ""}, {"en", "negative"}, {"fa", "positive"}}
		if len(res) != len(want) || got["model_version"] != 0.0 {
			t.Fatalf("results = %v", got)
		}
		for i, w := range want {
			if res[i]["language"] != w.lang || (w.sentiment != "" && res[i]["sentiment"] != w.sentiment) {
				t.Errorf("text %d: %v, want %+v", i, res[i], w)
			}
		}
		if aspects := fmt.Sprint(res[0]["aspects"]); !strings.Contains(aspects, "delivery") || !strings.Contains(aspects, "negative") {
			t.Errorf("aspects of food + / delivery −: %s", aspects)
		}
		// Invalid UTF-8 inside the JSON string is read as U+FFFD: a defined result.
		f.call("POST", "/api/v1/text/analyze", key, "{\"texts\": [\"bad \xff\xfe bytes\"]}", 200)
		for _, tc := range []struct {
			body   any
			status int
			index  float64
		}{
			{map[string]any{"texts": []string{}}, 400, -1},
			{map[string]any{"text": "one"}, 400, -1},
			{map[string]any{"texts": make([]string, comment.MaxBatch+1)}, 413, comment.MaxBatch},
			{map[string]any{"texts": []string{"ok", strings.Repeat("a", comment.MaxAnalysed+1)}}, 400, 1},
		} {
			p := f.call("POST", "/api/v1/text/analyze", key, tc.body, tc.status)
			if tc.index >= 0 {
				items, _ := p["errors"].([]any)
				if len(items) != 1 || items[0].(map[string]any)["index"] != tc.index {
					t.Errorf("%d problem names %v, want index %v", tc.status, p["errors"], tc.index)
				}
			}
		}
	})
}

func TestThemesOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		if got := f.call("GET", "/api/v1/text/themes", f.a.SecretKey, nil, 200); got["version"] != 0.0 {
			t.Fatalf("themes = %v", got["version"])
		}
		parking := map[string]any{"themes": []map[string]any{{"id": "parking", "name_fa": "پارکینگ", "keywords_fa": []string{"جای پارک"}, "keywords_en": []string{"parking"}}}}
		if got := f.call("PUT", "/api/v1/text/themes", f.a.SecretKey, parking, 200); got["version"] != 1.0 {
			t.Fatalf("after PUT: %v", got)
		}
		p := f.call("PUT", "/api/v1/text/themes", f.a.SecretKey, map[string]any{"themes": []map[string]any{{"id": "Bad Id"}}}, 400)
		if p["field"] != "themes[0].id" {
			t.Fatalf("problem = %v", p)
		}
		got := f.call("POST", "/api/v1/text/analyze", f.a.SecretKey, map[string]any{"texts": []string{"no parking anywhere, awful"}}, 200)
		if !strings.Contains(fmt.Sprint(got["results"]), "parking") || got["themes_version"] != 1.0 {
			t.Fatalf("the workspace's theme is not used: %v", got)
		}
		if other := f.call("GET", "/api/v1/text/themes", f.b.SecretKey, nil, 200); other["version"] != 0.0 {
			t.Fatalf("another workspace sees %v", other["version"])
		}
	})
}

func TestCommentsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		key := f.a.SecretKey
		cust := idOf(f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "email", "value": "sara@example.com"}}}, 201))
		var custID int64
		fmt.Sscan(cust, &custID)
		at := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		for i, text := range []string{"پیک خیلی بی‌ادب بود و غذا سرد رسید 😡", "great pizza, thanks!"} {
			err := db.InTx(ctx, func(tx *store.Tx) error {
				_, err := journey.InsertEvent(ctx, tx, &journey.Event{WorkspaceID: f.a.WorkspaceID, CustomerID: custID,
					MessageID: fmt.Sprint("r", i), Type: "track", Name: "Review Posted", Touchpoint: "delivery",
					Properties: json.RawMessage(fmt.Sprintf(`{"review": %q, "rating": %d}`, text, 1+4*i)),
					OccurredAt: at.Add(time.Duration(i) * time.Hour), ReceivedAt: at})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		if _, err := comment.CatchUp(ctx, db); err != nil {
			t.Fatal(err)
		}
		page := f.call("GET", "/api/v1/comments?sentiment=negative&theme=delivery&from=2026-03-01", key, nil, 200)
		data := page["data"].([]any)
		if len(data) != 1 {
			t.Fatalf("negative delivery comments: %v", page)
		}
		id := idOf(data[0].(map[string]any))
		if all := f.call("GET", "/api/v1/comments?limit=1", key, nil, 200); all["next_cursor"] == nil {
			t.Fatalf("no next page: %v", all)
		}
		f.call("GET", "/api/v1/comments?sentiment=angry", key, nil, 400)
		f.call("GET", "/api/v1/comments?from=yesterday", key, nil, 400)
		f.call("GET", "/api/v1/comments?limit=1000", key, nil, 400)
		f.call("POST", "/api/v1/comments/"+id+"/correction", f.b.SecretKey, map[string]string{"sentiment": "positive"}, 404)
		f.call("POST", "/api/v1/comments/"+id+"/correction", key, map[string]string{"sentiment": "meh"}, 400)
		if got := f.call("POST", "/api/v1/comments/"+id+"/correction", key, map[string]string{"sentiment": "neutral"}, 200); got["correction"] != "neutral" {
			t.Fatalf("correction = %v", got)
		}
		f.call("GET", "/api/v1/comments/"+id, key, nil, 200)
		f.call("GET", "/api/v1/comments/999999", key, nil, 404)
		if sum := f.call("GET", "/api/v1/comments/summary", key, nil, 200); len(sum["data"].([]any)) == 0 {
			t.Fatalf("summary = %v", sum)
		}
		tl := f.call("GET", "/api/v1/customers/"+cust+"/timeline", key, nil, 200)
		if !strings.Contains(fmt.Sprint(tl["data"]), "comment.neutral") {
			t.Fatalf("the corrected comment is not on the timeline: %v", tl["data"])
		}
	})
}
