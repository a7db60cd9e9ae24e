package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/demo"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestDemoHasCasesInEveryState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		spaces, err := demo.Load(ctx, db, demo.Options{Seed: 7, Now: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC), Scale: 0.01})
		if err != nil {
			t.Fatal(err)
		}
		for _, ws := range spaces {
			var states, notes, rules, closedWithCause int
			db.QueryRow(ctx, `SELECT COUNT(DISTINCT status) FROM cases WHERE workspace_id = ?`, ws.WorkspaceID).Scan(&states)
			db.QueryRow(ctx, `SELECT COUNT(*) FROM case_notes WHERE workspace_id = ?`, ws.WorkspaceID).Scan(&notes)
			db.QueryRow(ctx, `SELECT COUNT(*) FROM loop_rules WHERE workspace_id = ?`, ws.WorkspaceID).Scan(&rules)
			db.QueryRow(ctx, `SELECT COUNT(*) FROM cases WHERE workspace_id = ? AND status = 'closed' AND root_cause <> ''
				AND score_after IS NOT NULL`, ws.WorkspaceID).Scan(&closedWithCause)
			if states != 5 || notes < 5 || rules < 3 || closedWithCause != 1 {
				t.Fatalf("%s: %d states, %d notes, %d rules, %d closed with a cause and recovery", ws.Name, states, notes, rules, closedWithCause)
			}
		}
		var fa string
		db.QueryRow(ctx, `SELECT body FROM case_notes n JOIN workspaces w ON w.id = n.workspace_id
			WHERE w.slug = 'aria-shoes' AND n.kind = 'contact' ORDER BY n.id LIMIT 1`).Scan(&fa)
		if fa != "تماس گرفتم؛ سفارش در انبار گیر کرده بود." {
			t.Fatalf("the shoe shop's notes are not in Persian: %q", fa)
		}
	})
}
