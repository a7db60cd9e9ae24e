package customer_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// benchDB returns a database with n customers, each with a phone and an
// e-mail, on the engine named by the sub-benchmark.
func benchDB(b *testing.B, d store.Dialect, n int) (*store.DB, int64) {
	db := storetest.Open(b, d)
	ctx := context.Background()
	w := &workspace.Workspace{Name: "bench"}
	err := db.InTx(ctx, func(tx *store.Tx) error {
		if err := workspace.Create(ctx, tx, w); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			ids := []customer.Identity{{Kind: customer.Phone, Value: fmt.Sprintf("+98912%07d", i)}, {Kind: customer.Email, Value: fmt.Sprintf("c%d@example.com", i)}}
			if _, err := customer.Resolve(ctx, tx, w.ID, ids, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return db, w.ID
}

// BenchmarkLookupByPhone finds a customer by a phone written in Persian
// digits, among 20,000 customers.
func BenchmarkLookupByPhone(b *testing.B) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		b.Run(d.String(), func(b *testing.B) {
			db, ws := benchDB(b, d, 20_000)
			ctx := context.Background()
			i := 0
			for b.Loop() {
				raw := fmt.Sprintf("۰۹۱۲%07d", i%20_000)
				if _, err := customer.Lookup(ctx, db, ws, "IR", customer.Phone, raw); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkResolveKnown resolves a known customer by phone and e-mail in
// its own transaction, as an identify call does.
func BenchmarkResolveKnown(b *testing.B) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		b.Run(d.String(), func(b *testing.B) {
			db, ws := benchDB(b, d, 20_000)
			ctx := context.Background()
			i := 0
			for b.Loop() {
				ids, _ := customer.NormalizeAll([]customer.Identity{{Kind: customer.Phone, Value: fmt.Sprintf("0912%07d", i%20_000)},
					{Kind: customer.Email, Value: fmt.Sprintf("C%d@example.com", i%20_000)}}, "IR")
				err := db.InTx(ctx, func(tx *store.Tx) error {
					_, err := customer.Resolve(ctx, tx, ws, ids, nil)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
