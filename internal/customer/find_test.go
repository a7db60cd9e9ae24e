package customer_test

import (
	"context"
	"testing"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestFindByAnyIdentityAsTyped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ws := newWorkspace(t, db, "aria")
		other := newWorkspace(t, db, "napoli")
		want := resolve(t, db, ws, customer.Identity{Kind: customer.Phone, Value: "09121234567"},
			customer.Identity{Kind: customer.Email, Value: "Sara@Example.com"},
			customer.Identity{Kind: customer.Card, Value: "6037-9911"}).CustomerID
		resolve(t, db, other, customer.Identity{Kind: customer.Phone, Value: "09127654321"})
		for _, q := range []string{"۰۹۱۲ ۱۲۳ ۴۵۶۷", "+98 912 123 4567", " sara@example.COM ", "60379911", "۶۰۳۷-۹۹۱۱"} {
			c, err := customer.Find(ctx, db, ws, "IR", q)
			if err != nil || c.ID != want {
				t.Errorf("Find(%q) = %v, %v", q, c, err)
			}
		}
		for _, q := range []string{"09127654321", "nobody@example.com", "<script>"} {
			if _, err := customer.Find(ctx, db, ws, "IR", q); !errs.Is(err, errs.NotExist) {
				t.Errorf("Find(%q): %v, want NotExist", q, err)
			}
		}
		if _, err := customer.Find(ctx, db, ws, "IR", "  "); errs.FieldOf(err) != "q" {
			t.Errorf("empty query: %v", err)
		}
	})
}
