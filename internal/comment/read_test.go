package comment_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/textan"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

func TestThemesAreTheWorkspaces(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		set, err := comment.Themes(ctx, db, f.ws)
		if err != nil || set.Version != 0 || len(set.Themes) != len(textan.DefaultThemes()) {
			t.Fatalf("defaults: %d themes, version %d, %v", len(set.Themes), set.Version, err)
		}
		mine := []textan.Theme{{ID: "parking", NameFa: "پارکینگ", NameEn: "Parking", KeywordsFa: []string{"پارکینگ", "جای پارک"}, KeywordsEn: []string{"parking"}}}
		for i := 1; i <= 2; i++ {
			if set, err = comment.SetThemes(ctx, db, f.ws, "user:1", mine); err != nil || set.Version != i {
				t.Fatalf("SetThemes: version %d, %v; want %d", set.Version, err, i)
			}
		}
		f.event("Review", map[string]any{"text": "جای پارک پیدا نمی‌شد، افتضاح"}, t0, t0)
		if _, err := comment.CatchUp(ctx, db); err != nil {
			t.Fatal(err)
		}
		page, _, _ := comment.List(ctx, db, f.ws, comment.Filter{Theme: "parking"})
		if len(page) != 1 || page[0].ThemesVersion != 2 || page[0].Sentiment != "negative" {
			t.Fatalf("by the workspace's own theme: %+v", page)
		}
		if other, _ := comment.Themes(ctx, db, f.workspace("napoli")); other.Version != 0 {
			t.Fatalf("another workspace sees version %d", other.Version)
		}
	})
}

func TestValidateThemes(t *testing.T) {
	ok := textan.Theme{ID: "price", NameEn: "Price", KeywordsEn: []string{"price"}}
	long := strings.Repeat("ک", 65)
	for _, tc := range []struct {
		name   string
		themes []textan.Theme
		field  string
	}{
		{"none", nil, "themes"},
		{"bad id", []textan.Theme{{ID: "Price!", NameEn: "x", KeywordsEn: []string{"x"}}}, "themes[0].id"},
		{"twice", []textan.Theme{ok, ok}, "themes[1].id"},
		{"no name", []textan.Theme{{ID: "a", KeywordsEn: []string{"x"}}}, "themes[0].name_fa"},
		{"no keywords", []textan.Theme{{ID: "a", NameFa: "الف"}}, "themes[0].keywords_fa"},
		{"long keyword", []textan.Theme{{ID: "a", NameFa: "الف", KeywordsFa: []string{"خوب", long}}}, "themes[0].keywords_fa[1]"},
		{"blank keyword", []textan.Theme{{ID: "a", NameFa: "الف", KeywordsEn: []string{" "}}}, "themes[0].keywords_en[0]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := comment.ValidateThemes(tc.themes)
			if !errs.Is(err, errs.Invalid) || errs.FieldOf(err) != tc.field {
				t.Fatalf("err = %v (field %q); want Invalid on %s", err, errs.FieldOf(err), tc.field)
			}
		})
	}
	if err := comment.ValidateThemes(textan.DefaultThemes()); err != nil {
		t.Fatalf("the defaults are refused: %v", err)
	}
}

func TestListFiltersAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		for i, text := range []string{"the pizza was delicious", "delivery was late and the driver was rude",
			"قیمت خیلی گران بود", "ممنون از برخورد خوب همکاران", "100% late again_"} {
			at := t0.Add(time.Duration(i) * time.Hour)
			f.event("Review", map[string]any{"text": text}, at, at)
		}
		if _, err := comment.CatchUp(ctx, db); err != nil {
			t.Fatal(err)
		}
		var seen []string
		cursor := ""
		for {
			page, next, err := comment.List(ctx, db, f.ws, comment.Filter{Limit: 2, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range page {
				seen = append(seen, a.Text)
			}
			if cursor = next; cursor == "" {
				break
			}
		}
		if len(seen) != 5 || seen[0] != "100% late again_" {
			t.Fatalf("pages gave %q, want all 5 newest first", seen)
		}
		for _, tc := range []struct {
			f    comment.Filter
			want int
		}{
			{comment.Filter{Sentiment: "negative"}, 3},
			{comment.Filter{Theme: "delivery"}, 2},
			{comment.Filter{Theme: "price", Sentiment: "negative"}, 1},
			{comment.Filter{From: t0.Add(time.Hour), To: t0.Add(3 * time.Hour)}, 2},
			{comment.Filter{Query: "LATE"}, 2},
			{comment.Filter{Query: "100%"}, 1},
			{comment.Filter{Query: "%"}, 1},
			{comment.Filter{Touchpoint: "support"}, 5},
			{comment.Filter{Touchpoint: "store"}, 0},
		} {
			page, _, err := comment.List(ctx, db, f.ws, tc.f)
			if err != nil || len(page) != tc.want {
				t.Errorf("%+v: %d analyses, %v; want %d", tc.f, len(page), err, tc.want)
			}
		}
		for _, bad := range []comment.Filter{{Sentiment: "angry"}, {Source: "email"}, {Cursor: "nope"}} {
			if _, _, err := comment.List(ctx, db, f.ws, bad); !errs.Is(err, errs.Invalid) {
				t.Errorf("%+v: err = %v, want Invalid", bad, err)
			}
		}
	})
}

func TestCorrectionWinsAndStaysInTheWorkspace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.event("Review", map[string]any{"text": "well, that was something"}, t0, t0)
		comment.CatchUp(ctx, db)
		page, _, _ := comment.List(ctx, db, f.ws, comment.Filter{})
		id := page[0].ID
		if _, err := comment.Correct(ctx, db, f.ws, id, "angry", "user:1"); errs.FieldOf(err) != "sentiment" {
			t.Fatalf("bad label: %v", err)
		}
		if _, err := comment.Correct(ctx, db, f.workspace("napoli"), id, "negative", "user:1"); !errs.Is(err, errs.NotExist) {
			t.Fatalf("another workspace's comment: %v, want NotExist", err)
		}
		a, err := comment.Correct(ctx, db, f.ws, id, "negative", "user:1")
		if err != nil || a.Correction != "negative" || a.Label() != "negative" {
			t.Fatalf("Correct = %+v, %v", a, err)
		}
		if got, _, _ := comment.List(ctx, db, f.ws, comment.Filter{Sentiment: "negative"}); len(got) != 1 {
			t.Fatalf("the corrected label does not filter: %d", len(got))
		}
		if n := f.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'comment.correct'`); n != 1 {
			t.Fatalf("%d audit entries", n)
		}
	})
}

func TestTimelineShowsComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		f.response("nps", 0, "پشتیبانی اصلاً جواب نداد 😡", t0)
		comment.CatchUp(ctx, db)
		got, _, err := timeline.List(ctx, db, []int64{f.cus}, []timeline.Source{comment.TimelineSource(db.Dialect)}, "", 10)
		if err != nil || len(got) != 1 {
			t.Fatalf("timeline = %+v, %v", got, err)
		}
		e := got[0]
		var data struct {
			Text     string         `json:"text"`
			Topics   []textan.Topic `json:"topics"`
			Emotions []string       `json:"emotions"`
		}
		if err := json.Unmarshal(e.Data, &data); err != nil {
			t.Fatal(err)
		}
		if e.Kind != "comment" || e.Title != "comment.negative" || e.Signal == nil || *e.Signal >= 0 ||
			data.Text != "پشتیبانی اصلاً جواب نداد 😡" || len(data.Topics) == 0 || len(data.Emotions) == 0 {
			t.Fatalf("entry = %+v data %s", e, e.Data)
		}
	})
}

// Odd texts get a defined analysis and are stored as they were written
// (cut to MaxStored characters), never a failure that blocks the worker.
func TestOddTextsAreStored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		huge := strings.Repeat("خیلی بد بود. ", 10000) // about 120 KB
		odd := []string{"😀😀😀", "   ", "میخوام cancel کنم the order", "می\u200cخواهم", huge, "\u200c"}
		for _, s := range odd {
			f.event("Ticket", map[string]any{"text": s}, t0, t0)
		}
		if n, err := comment.CatchUp(ctx, db); err != nil || n != len(odd) {
			t.Fatalf("CatchUp stored %d, %v; want %d", n, err, len(odd))
		}
		page, _, _ := comment.List(ctx, db, f.ws, comment.Filter{Limit: 10})
		byText := map[string]comment.Analysis{}
		for _, a := range page {
			byText[a.Text] = a
		}
		if a := byText["می\u200cخواهم"]; a.Language != "fa" {
			t.Errorf("ZWNJ text: %+v", a)
		}
		if a := byText["میخوام cancel کنم the order"]; a.Language != "mixed" {
			t.Errorf("mixed scripts: language %q", a.Language)
		}
		if a := byText["   "]; a.Language != "" || a.Sentiment != "neutral" {
			t.Errorf("blank: %+v", a)
		}
		var long comment.Analysis
		for _, a := range page {
			if len([]rune(a.Text)) == comment.MaxStored {
				long = a
			}
		}
		if long.Sentiment != "negative" {
			t.Errorf("120 KB complaint: %+v", long.Sentiment)
		}
	})
}
