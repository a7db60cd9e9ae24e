package demo

import (
	"context"
	"encoding/json"
	"time"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// shopOf names the events the ready programs need in each demo business.
func shopOf(b business) program.Shop {
	if b.slug == pizzaShop.slug {
		return program.Shop{Lang: "en", Purchase: "Order Placed", Mention: "Instagram Mention", Warranty: "warranty_ends"}
	}
	return program.Shop{Lang: "fa", Purchase: "Order Completed", Warranty: "warranty_ends"}
}

// loadPrograms gives the shoe shop's registered warranties an end date,
// saves the ready programs active, and lets the recent purchases of the
// last 60 days through the program hook, so the programs have customers
// inside when the server starts. Programs that would write at once are
// activated after that replay: nobody gets today a welcome for a purchase
// of last month.
func loadPrograms(ctx context.Context, db *store.DB, b business, wsID int64, now time.Time) error {
	ws, err := workspace.Get(ctx, db, wsID)
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		if err := warranties(ctx, tx, wsID); err != nil {
			return err
		}
		var later []*program.Program
		for _, p := range program.Ready(shopOf(b)) {
			if startsWaiting(p) {
				p.Status = program.Active
			} else {
				later = append(later, p)
			}
			if err := program.Save(ctx, tx, ws, "demo", p); err != nil {
				return err
			}
		}
		if err := recentPurchases(ctx, tx, wsID, shopOf(b).Purchase, now.AddDate(0, 0, -60)); err != nil {
			return err
		}
		for _, p := range later {
			if _, err := program.SetStatus(ctx, tx, ws, "demo", p.ID, program.Active); err != nil {
				return err
			}
		}
		return nil
	})
}

// warranties sets warranty_ends six months after a registered warranty.
func warranties(ctx context.Context, tx *store.Tx, wsID int64) error {
	rows, err := tx.Query(ctx, `SELECT e.customer_id, MAX(e.occurred_at), c.traits FROM events e JOIN customers c ON c.id = e.customer_id
		WHERE e.workspace_id = ? AND e.name = 'Warranty Registered' GROUP BY e.customer_id, c.traits`, wsID)
	if err != nil {
		return err
	}
	type row struct {
		id     int64
		traits map[string]json.RawMessage
	}
	var all []row
	for rows.Next() {
		var r row
		var at int64
		var raw []byte
		if err := rows.Scan(&r.id, &at, &raw); err != nil {
			rows.Close()
			return err
		}
		json.Unmarshal(raw, &r.traits)
		r.traits["warranty_ends"], _ = json.Marshal(store.Time(at).AddDate(0, 6, 0).Format("2006-01-02"))
		all = append(all, r)
	}
	rows.Close()
	for _, r := range all {
		raw, _ := json.Marshal(r.traits)
		if _, err := tx.Exec(ctx, `UPDATE customers SET traits = ? WHERE id = ?`, string(raw), r.id); err != nil {
			return err
		}
	}
	return nil
}

// recentPurchases runs the program hook on purchases since.
func recentPurchases(ctx context.Context, tx *store.Tx, wsID int64, name string, since time.Time) error {
	rows, err := tx.Query(ctx, `SELECT id, customer_id, touchpoint, channel, properties FROM events
		WHERE workspace_id = ? AND name = ? AND occurred_at >= ? ORDER BY occurred_at, id`, wsID, name, store.Millis(since))
	if err != nil {
		return err
	}
	var evs []program.Event
	for rows.Next() {
		ev := program.Event{WorkspaceID: wsID, Name: name}
		var raw []byte
		if err := rows.Scan(&ev.EventID, &ev.CustomerID, &ev.Touchpoint, &ev.Channel, &raw); err != nil {
			rows.Close()
			return err
		}
		json.Unmarshal(raw, &ev.Properties)
		evs = append(evs, ev)
	}
	rows.Close()
	for _, ev := range evs {
		if err := program.OnEvent(ctx, tx, ev); err != nil {
			return err
		}
	}
	return nil
}

// startsWaiting reports whether a program's first step is a wait.
func startsWaiting(p *program.Program) bool {
	return len(p.Steps) > 0 && p.Steps[0].Kind == program.Wait
}
