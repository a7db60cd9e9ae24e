package program_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func tagStep(tag string) program.Step {
	return program.Step{Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.AddTag}, Tag: tag}}
}

func (w *world) setTrait(id int64, k string, v any) {
	w.t.Helper()
	raw, _ := json.Marshal(v)
	_, err := customer.Update(ctx, w.db, w.ws.ID, "IR", "test", id, customer.Patch{Traits: customer.Traits{k: raw}}, program.OnCustomer)
	must(w.t, err)
}

func (w *world) entered(p int64) int {
	return w.count(`SELECT COUNT(*) FROM program_enrollments WHERE program_id = ?`, p)
}

func TestDateTriggerReplansWhenTheDateChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		sara := w.customer(1, map[string]any{"warranty_ends": "2026-06-01"})
		p := w.save(&program.Program{Name: "warranty", Status: program.Active,
			Trigger: program.Trigger{Kind: program.OnDate, Date: &program.DateTrigger{Trait: "warranty_ends", OffsetDays: -30, Hour: 10}},
			Steps:   []program.Step{tagStep("reminded")}})
		w.drain() // the plan walks every customer
		w.setTrait(sara, "warranty_ends", "2026-07-01")
		w.clock.ms.Store(time.Date(2026, 5, 2, 10, 0, 0, 0, tehranLoc).UnixMilli())
		w.drain()
		if w.entered(p.ID) != 0 {
			t.Fatal("the old date's reminder must be cancelled when the date moves")
		}
		w.clock.ms.Store(time.Date(2026, 6, 1, 10, 0, 0, 0, tehranLoc).UnixMilli())
		w.drain()
		if w.entered(p.ID) != 1 {
			t.Fatal("30 days before the new date, at 10:00, sara enters")
		}
		late := w.customer(2, nil)
		w.setTrait(late, "warranty_ends", "2026-08-01") // set after activation: planned by the hook
		w.clock.ms.Store(time.Date(2026, 7, 2, 10, 0, 0, 0, tehranLoc).UnixMilli())
		w.drain()
		if w.entered(p.ID) != 2 {
			t.Fatal("a date set later is planned too")
		}
	})
}

func TestSegmentAndScheduleTriggers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		family := w.save(&program.Program{Name: "family surprise", Status: program.Active,
			Trigger: program.Trigger{Kind: program.OnSegment, When: []rules.Condition{
				{Kind: rules.Trait, Trait: "has_kids", Op: rules.Eq, Values: []string{"true"}},
				{Kind: program.EventCount, Values: []string{"Order Completed"}, Op: rules.Gte, Count: 1, Days: 365}}},
			Steps: []program.Step{tagStep("family")}})
		weekly := w.save(&program.Program{Name: "weekly", Status: program.Active, Reentry: program.Reentry{Policy: program.AfterExit},
			Trigger: program.Trigger{Kind: program.OnSchedule, Schedule: &program.Schedule{Weekday: time.Saturday, Hour: 10},
				When: []rules.Condition{{Kind: program.HasTag, Values: []string{"family"}}}},
			Steps: []program.Step{tagStep("weekly")}})
		a := w.customer(1, map[string]any{"has_kids": true})
		b := w.customer(2, map[string]any{"has_kids": false})
		w.drain()
		if w.entered(family.ID) != 0 {
			t.Fatal("no order yet: not in the segment")
		}
		w.event(a, "Order Completed", nil)
		w.event(b, "Order Completed", nil)
		w.drain()
		if w.entered(family.ID) != 1 {
			t.Fatalf("%d entered; only the customer with kids who ordered", w.entered(family.ID))
		}
		w.event(a, "Order Completed", nil)
		w.setTrait(b, "has_kids", true)
		w.drain()
		if w.entered(family.ID) != 2 {
			t.Fatal("b entered when has_kids became true; a did not enter twice")
		}
		w.after(7 * 24 * time.Hour) // the next Saturday at 10:00
		if w.entered(weekly.ID) != 2 {
			t.Fatalf("%d entered the weekly program; want the two tagged customers", w.entered(weekly.ID))
		}
		w.after(7 * 24 * time.Hour)
		if w.entered(weekly.ID) != 4 {
			t.Fatalf("%d entries after two Saturdays", w.entered(weekly.ID))
		}
	})
}

func TestOnEventsTakesAnIngestedGroup(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.save(&program.Program{Name: "big orders", Status: program.Active,
			Trigger: program.Trigger{Kind: rules.OnEvent, Event: "Order Completed",
				Properties: []program.Property{{Name: "total", Op: rules.Gte, Value: ptr(1000)}}},
			Steps: []program.Step{tagStep("big")}})
		a, b := w.customer(1, nil), w.customer(2, nil)
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			return program.OnEvents(ctx, tx, w.ws.ID, []*journey.Event{
				{CustomerID: a, Name: "Order Completed", Properties: json.RawMessage(`{"total": 5000}`)},
				{CustomerID: b, Name: "Order Completed", Properties: json.RawMessage(`{"total": 10}`)},
				{CustomerID: b, Name: "Product Viewed"}})
		}))
		if w.entered(p.ID) != 1 || w.count(`SELECT customer_id FROM program_enrollments`) != int(a) {
			t.Fatal("only the big order enters")
		}
	})
}
