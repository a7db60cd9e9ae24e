package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/demo"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestDemoProgramsHaveCustomersInside(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
		spaces, err := demo.Load(ctx, db, demo.Options{Seed: 7, Now: now, Scale: 0.05})
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []int{6, 7} {
			progs, err := program.List(ctx, db, spaces[i].WorkspaceID)
			if err != nil || len(progs) != want {
				t.Fatalf("%s: %d programs, %v", spaces[i].Name, len(progs), err)
			}
			entered := 0
			for _, p := range progs {
				if p.Status != program.Active {
					t.Fatalf("%s is %s", p.Name, p.Status)
				}
				c, err := program.CountsOf(ctx, db, spaces[i].WorkspaceID, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				entered += c.Entered
			}
			if entered == 0 {
				t.Fatalf("%s: nobody entered a program", spaces[i].Name)
			}
		}
		var ends int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM customers WHERE workspace_id = ? AND CAST(traits AS TEXT) LIKE '%warranty_ends%'`, spaces[0].WorkspaceID).Scan(&ends)
		if ends == 0 {
			t.Fatal("the shoe shop's registered warranties have no end date")
		}
	})
}
