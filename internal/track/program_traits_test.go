package track_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// A date a customer's traits gain through ingestion (an identify call
// from the shop's system) is planned by the workspace's date programs, as
// one typed in the console is: "30 days before the warranty ends" must
// not miss the customers whose warranty arrived by the API. Both ways an
// event is committed, straight and through the inbox.
func TestIngestedTraitsPlanDatePrograms(t *testing.T) {
	for _, stage := range []int{-1, 1} {
		t.Run(fmt.Sprintf("stage_at=%d", stage), func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, db *store.DB) {
				f := newFixture(t, db, track.Options{StageAt: stage})
				ctx := context.Background()
				ws, err := workspace.Get(ctx, db, f.ws.WorkspaceID)
				if err != nil {
					t.Fatal(err)
				}
				p := &program.Program{Name: "warranty", Status: program.Active,
					Trigger: program.Trigger{Kind: program.OnDate, Date: &program.DateTrigger{Trait: "warranty_ends", OffsetDays: -30, Hour: 10}},
					Steps:   []program.Step{{Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.AddTag}, Tag: "reminded"}}}}
				if err := db.InTx(ctx, func(tx *store.Tx) error { return program.Save(ctx, tx, ws, "test", p) }); err != nil {
					t.Fatal(err)
				}
				ends := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
				f.send("/v1/identify", map[string]any{"userId": "sara", "traits": map[string]any{"name": "Sara"}})
				f.flush()
				if n := plans(t, db, p.ID); n != 0 {
					t.Fatalf("no date yet, but %d plans", n)
				}
				// An existing customer's date, and a new customer's first identify.
				f.send("/v1/batch", map[string]any{"batch": []map[string]any{
					{"type": "identify", "userId": "sara", "traits": map[string]any{"warranty_ends": ends}},
					{"type": "identify", "userId": "reza", "traits": map[string]any{"warranty_ends": ends}},
					{"type": "track", "userId": "nima", "event": "Product Viewed"},
				}})
				f.flush()
				if n := plans(t, db, p.ID); n != 2 {
					t.Fatalf("sara's and reza's warranty dates must each be planned once; %d plans", n)
				}
			})
		})
	}
}

// plans counts the program's planned date jobs.
func plans(t *testing.T, db *store.DB, programID int64) int {
	t.Helper()
	var n int
	err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM timer_jobs WHERE kind = ? AND key LIKE ? AND state = 'ready'`,
		program.JobDate, fmt.Sprintf("%s:%d:%%", program.JobDate, programID)).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
