package track

import (
	"context"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// The applier's lookups run with PostgreSQL's cached plans. A generic
// plan made while the tables are empty, as on a new workspace's first
// events, must still probe the unique indexes: a scan would cost
// milliseconds a lookup once the tables hold millions of rows.
func TestPostgresGenericPlansProbeIndexes(t *testing.T) {
	db := storetest.Open(t, store.Postgres)
	ctx := context.Background()
	for name, c := range map[string]struct {
		query string
		args  string
		table string
	}{
		"stored ids": {storedIDsPG, `ARRAY['m-1','m-2'], 1`, "events"},
		"owners":     {ownersPG, `ARRAY['u-1','u-2'], 1, 'user_id'`, "identities"},
	} {
		t.Run(name, func(t *testing.T) {
			err := db.InTx(ctx, func(tx *store.Tx) error {
				for _, q := range []string{`SET LOCAL plan_cache_mode = force_generic_plan`, `PREPARE probe AS ` + db.Q(c.query)} {
					if _, err := tx.Exec(ctx, q); err != nil {
						return err
					}
				}
				defer tx.Exec(ctx, `DEALLOCATE probe`)
				rows, err := tx.Query(ctx, `EXPLAIN EXECUTE probe(`+c.args+`)`)
				if err != nil {
					return err
				}
				defer rows.Close()
				var plan strings.Builder
				for rows.Next() {
					var line string
					if err := rows.Scan(&line); err != nil {
						return err
					}
					plan.WriteString(line + "\n")
				}
				if err := rows.Err(); err != nil {
					return err
				}
				if p := plan.String(); strings.Contains(p, "Seq Scan on "+c.table) || !strings.Contains(p, "Index") {
					t.Errorf("generic plan does not probe an index of %s:\n%s", c.table, p)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
	}
}
