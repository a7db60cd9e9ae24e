package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/demo"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// TestDemoDetractorsHaveOneCaseAndViewsAreExact loads the demo: every NPS
// detractor who answered has a detractor case (opened by the real loop
// path, or the demo's own case they were noted on), no customer has two
// open cases for one reason, and the rollups every view reads hold exactly
// the raw answers and events.
func TestDemoDetractorsHaveOneCaseAndViewsAreExact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		spaces, err := demo.Load(ctx, db, demo.Options{Seed: 11, Now: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC), Scale: 0.02})
		if err != nil {
			t.Fatal(err)
		}
		count := func(q string, args ...any) int64 {
			var n int64
			if err := db.QueryRow(ctx, q, args...).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		for _, ws := range spaces {
			id := ws.WorkspaceID
			detractors := count(`SELECT COUNT(DISTINCT customer_id) FROM survey_answers WHERE workspace_id = ? AND kind = 'nps' AND score <= 6`, id)
			without := count(`SELECT COUNT(DISTINCT a.customer_id) FROM survey_answers a WHERE a.workspace_id = ? AND a.kind = 'nps'
				AND a.score <= 6 AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.customer_id = a.customer_id AND c.reason = 'detractor')`, id)
			doubled := count(`SELECT COUNT(*) FROM (SELECT customer_id, reason FROM cases WHERE workspace_id = ? AND status <> 'closed'
				GROUP BY customer_id, reason HAVING COUNT(*) > 1) x`, id)
			if detractors == 0 || without != 0 || doubled != 0 {
				t.Fatalf("%s: %d detractors, %d of them without a case, %d doubled open cases", ws.Name, detractors, without, doubled)
			}
			scored := count(`SELECT COUNT(*) FROM survey_answers WHERE workspace_id = ? AND score BETWEEN 0 AND 10`, id)
			rolled := count(`SELECT COALESCE(SUM(n), 0) FROM score_rollups WHERE workspace_id = ?`, id)
			events := count(`SELECT COUNT(*) FROM events WHERE workspace_id = ?`, id)
			rolledEvents := count(`SELECT COALESCE(SUM(events), 0) FROM signal_rollups WHERE workspace_id = ?`, id)
			if scored == 0 || rolled != scored || rolledEvents != events {
				t.Fatalf("%s: rollups hold %d of %d scored answers and %d of %d events", ws.Name, rolled, scored, rolledEvents, events)
			}
		}
	})
}
