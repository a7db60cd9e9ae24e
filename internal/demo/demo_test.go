package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/demo"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestLoadMakesAUsableDataSet(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
		spaces, err := demo.Load(ctx, db, demo.Options{Seed: 7, Now: now, Scale: 0.05})
		if err != nil {
			t.Fatal(err)
		}
		if len(spaces) != 2 || spaces[0].Customers == 0 || spaces[0].Events < 5*spaces[0].Customers {
			t.Fatalf("spaces = %+v", spaces)
		}
		var neg, pos, future int
		db.QueryRow(ctx, "SELECT COUNT(*) FROM events WHERE signal < 0").Scan(&neg)
		db.QueryRow(ctx, "SELECT COUNT(*) FROM events WHERE signal > 0").Scan(&pos)
		db.QueryRow(ctx, "SELECT COUNT(*) FROM events WHERE occurred_at > ?", store.Millis(now)).Scan(&future)
		if neg == 0 || pos <= neg || future != 0 {
			t.Fatalf("signals: %d negative, %d positive, %d in the future", neg, pos, future)
		}
		var stages int
		db.QueryRow(ctx, `SELECT COUNT(DISTINCT t.stage) FROM events e JOIN touchpoints t
			ON t.workspace_id = e.workspace_id AND t.key = e.touchpoint`).Scan(&stages)
		if stages != 7 {
			t.Fatalf("events cover %d stages, want all 7", stages)
		}
		// Phones were written in mixed forms; every customer is still found by its E.164 number.
		var phone string
		db.QueryRow(ctx, "SELECT value FROM identities WHERE kind = 'phone' AND workspace_id = ? ORDER BY id LIMIT 1", spaces[0].WorkspaceID).Scan(&phone)
		if _, err := customer.Lookup(ctx, db, spaces[0].WorkspaceID, "IR", customer.Phone, "0"+phone[3:]); err != nil {
			t.Fatalf("lookup %s: %v", phone, err)
		}
	})
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		db := storetest.Open(b, store.SQLite)
		if _, err := demo.Load(context.Background(), db, demo.Options{Seed: 1405, Now: time.Now()}); err != nil {
			b.Fatal(err)
		}
	}
}
