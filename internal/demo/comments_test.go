package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/demo"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestDemoCommentsAreReadWithLearnedModels(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		spaces, err := demo.Load(ctx, db, demo.Options{Seed: 7, Now: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC), Scale: 0.2})
		if err != nil {
			t.Fatal(err)
		}
		var texts, analysed int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM survey_answers WHERE text <> ''`).Scan(&texts)
		db.QueryRow(ctx, `SELECT COUNT(*) FROM comment_analyses`).Scan(&analysed)
		if texts == 0 || analysed != texts {
			t.Fatalf("%d comments, %d analysed", texts, analysed)
		}
		for _, w := range spaces {
			_, info, err := comment.LoadModel(ctx, db, w.WorkspaceID)
			if err != nil || info.Version != 1 {
				t.Fatalf("%s: model %+v, %v", w.Name, info, err)
			}
			page, _, err := comment.List(ctx, db, w.WorkspaceID, comment.Filter{Sentiment: "negative", Limit: 1})
			if err != nil || len(page) != 1 || page[0].ModelVersion != 1 {
				t.Fatalf("%s: a negative comment read with the learned model: %+v, %v", w.Name, page, err)
			}
		}
	})
}
