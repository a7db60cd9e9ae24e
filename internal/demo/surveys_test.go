package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/demo"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
)

func TestDemoSurveysHaveAYearOfResponses(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	ctx := context.Background()
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	spaces, err := demo.Load(ctx, db, demo.Options{Seed: 1405, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	var responses, comments, months, partial, future int
	db.QueryRow(ctx, `SELECT COUNT(*) FROM survey_responses`).Scan(&responses)
	db.QueryRow(ctx, `SELECT COUNT(DISTINCT text) FROM survey_answers WHERE text <> ''`).Scan(&comments)
	db.QueryRow(ctx, `SELECT COUNT(DISTINCT started_at / 2592000000) FROM survey_responses`).Scan(&months)
	db.QueryRow(ctx, `SELECT COUNT(*) FROM survey_responses WHERE status = 'partial'`).Scan(&partial)
	db.QueryRow(ctx, `SELECT COUNT(*) FROM survey_responses WHERE started_at > ?`, store.Millis(now)).Scan(&future)
	t.Logf("%d responses, %d distinct comments, %d months, %d partial", responses, comments, months, partial)
	if responses < 3000 || comments < 60 || months < 12 || partial == 0 || future != 0 {
		t.Fatalf("%d responses, %d distinct comments over %d months, %d partial, %d in the future", responses, comments, months, partial, future)
	}
	for _, w := range spaces {
		sc, err := survey.ComputeScores(ctx, db, w.WorkspaceID, survey.ScoreFilter{})
		if err != nil || sc.NPS.Count == 0 || sc.CSAT.Count == 0 || sc.CES.Count == 0 {
			t.Fatalf("%s scores = %+v, %v", w.Name, sc, err)
		}
		delivery, _ := survey.ComputeScores(ctx, db, w.WorkspaceID, survey.ScoreFilter{Touchpoint: "delivery"})
		t.Logf("%s: NPS %.1f (%d), CSAT %.1f%% (%d), CES %.1f (%d), delivery CSAT %.1f%%", w.Name, *sc.NPS.Score, sc.NPS.Count,
			*sc.CSAT.Score, sc.CSAT.Count, *sc.CES.Score, sc.CES.Count, *delivery.CSAT.Score)
	}
}
