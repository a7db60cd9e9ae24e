package customer_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// TestTwoNodesResolveTheSameNewCustomerOnce runs resolution from two
// separately opened databases on one store — two Tajrobe nodes — at once:
// each new identity must end up on exactly one customer.
func TestTwoNodesResolveTheSameNewCustomerOnce(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			ctx := context.Background()
			target := storetest.Target(t, d)
			nodes := make([]*store.DB, 2)
			for i := range nodes {
				db, err := store.Open(ctx, target, store.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Migrate(ctx); err != nil {
					t.Fatal(err)
				}
				nodes[i] = db
			}
			ws := newWorkspace(t, nodes[0], "aria")
			const people, rounds = 20, 4
			var wg sync.WaitGroup
			errc := make(chan error, len(nodes)*rounds)
			for n, db := range nodes {
				for r := 0; r < rounds; r++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						errc <- resolveAll(ctx, db, ws, people, n+r)
					}()
				}
			}
			wg.Wait()
			close(errc)
			for err := range errc {
				if err != nil {
					t.Fatal(err)
				}
			}
			var customers, identities int
			nodes[1].QueryRow(ctx, "SELECT COUNT(*) FROM customers WHERE workspace_id = ?", ws).Scan(&customers)
			nodes[1].QueryRow(ctx, "SELECT COUNT(*) FROM identities WHERE workspace_id = ?", ws).Scan(&identities)
			if customers != people || identities != 2*people {
				t.Fatalf("%d customers and %d identities, want %d and %d", customers, identities, people, 2*people)
			}
		})
	}
}

// resolveAll resolves every person's phone and e-mail, starting at a
// different person per worker so the workers collide.
func resolveAll(ctx context.Context, db *store.DB, ws int64, people, offset int) error {
	for i := 0; i < people; i++ {
		p := (i + offset) % people
		ids, err := customer.NormalizeAll([]customer.Identity{
			{Kind: customer.Phone, Value: fmt.Sprintf("0912%07d", p)},
			{Kind: customer.Email, Value: fmt.Sprintf("p%d@example.com", p)},
		}, "IR")
		if err != nil {
			return err
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := customer.Resolve(ctx, tx, ws, ids, nil)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
