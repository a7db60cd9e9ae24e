package comment_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// seedScored writes n scored comments: a word only this shop's customers
// use ("زرشکی" in praise, "قراضه" in complaints) next to neutral words,
// so only learning can tell them apart.
func seedScored(f *fixture, n int) {
	for i := range n {
		at := t0.Add(time.Duration(i) * time.Second)
		if i%2 == 0 {
			f.response("nps", 10, fmt.Sprintf("سفارش %d زرشکی", i), at)
		} else {
			f.response("csat", 1, fmt.Sprintf("سفارش %d قراضه", i), at)
		}
	}
}

func TestLearnFromScoresAndCorrections(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		if res, err := comment.Learn(ctx, db, f.ws); err != nil || res.Learned {
			t.Fatalf("learning from nothing: %+v, %v; want not learned", res, err)
		}
		seedScored(f, 60)
		f.response("nps", 8, "passive words teach nothing", t0) // NPS 7–8 has no label
		if _, err := comment.CatchUp(ctx, db); err != nil {
			t.Fatal(err)
		}
		cold, _, _ := comment.List(ctx, db, f.ws, comment.Filter{Query: "قراضه", Limit: 1})
		if _, err := comment.Correct(ctx, db, f.ws, cold[0].ID, "positive", "user:7"); err != nil {
			t.Fatal(err)
		}
		res, err := comment.Learn(ctx, db, f.ws)
		if err != nil || !res.Learned || res.Version != 1 || res.Positive != 31 || res.Negative != 29 || res.Strong != 1 {
			t.Fatalf("Learn = %+v, %v; want version 1 from 31 positive (one corrected) and 29 negative", res, err)
		}
		cache := comment.NewCache(db)
		a, v, err := cache.Get(ctx, f.ws)
		if err != nil || v.Model != 1 {
			t.Fatalf("cache versions %+v, %v", v, err)
		}
		// Sixty comments move the lexicon a little: the sign, not yet the label.
		if got, was := a.Analyze("این بار هم قراضه"), textan.NewAnalyzer(nil, nil).Analyze("این بار هم قراضه"); got.Score >= 0 || was.Score != 0 {
			t.Fatalf("score of a word only this shop uses: %v learned, %v cold; want < 0 and 0", got.Score, was.Score)
		}
		// A new comment is stored with the model version that read it.
		f.response("", -1, "یک سفارش زرشکی دیگر", t0.Add(time.Hour))
		if _, err := comment.CatchUp(ctx, db); err != nil {
			t.Fatal(err)
		}
		page, _, _ := comment.List(ctx, db, f.ws, comment.Filter{Limit: 1})
		if page[0].ModelVersion != 1 || page[0].Score <= 0 {
			t.Fatalf("newest analysis %+v; want model 1, a positive score", page[0])
		}
	})
}

func TestRelearnIsDoneByOneNode(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			ctx := context.Background()
			target := storetest.Target(t, d)
			a, b := openAt(t, target), openAt(t, target)
			f := newFixture(t, a)
			seedScored(f, 40)
			if _, err := comment.CatchUp(ctx, a); err != nil {
				t.Fatal(err)
			}
			r := comment.Relearn{Every: time.Minute, After: 30}
			var wg sync.WaitGroup
			for _, db := range []*store.DB{a, b, a, b} {
				wg.Go(func() {
					if err := comment.RelearnDue(ctx, db, r, slog.New(slog.DiscardHandler)); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			_, info, err := comment.LoadModel(ctx, a, f.ws)
			if err != nil || info.Version != 1 {
				t.Fatalf("model %+v, %v; want version 1, learned once by four racing calls", info, err)
			}
			// Not due again: too few new comments, and too soon.
			if err := comment.RelearnDue(ctx, b, r, nil); err != nil {
				t.Fatal(err)
			}
			if _, info, _ := comment.LoadModel(ctx, a, f.ws); info.Version != 1 {
				t.Fatalf("re-learned with nothing new: version %d", info.Version)
			}
		})
	}
}
