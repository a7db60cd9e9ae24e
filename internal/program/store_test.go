package program_test

import (
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func welcome() *program.Program {
	return &program.Program{Name: "خوش‌آمد 🎉", Trigger: program.Trigger{Kind: program.OnAPI},
		Steps: []program.Step{
			{ID: "hello", Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.SendEmail}, Purpose: program.Service,
				Template: &program.Template{FA: &program.Text{Subject: "خوش آمدید {{first_name|دوست عزیز}}", Body: "سلام از {{brand}}"}}}},
			{ID: "later", Kind: program.Wait, For: "3d"},
			{ID: "tag", Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.AddTag}, Tag: "welcomed"}},
		}}
}

func TestVersionsKeepCustomersOnTheirs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.save(welcome())
		if p.Status != program.Draft || p.Version != 1 {
			t.Fatalf("new program: %s v%d", p.Status, p.Version)
		}
		p.Steps[1].For = "2d"
		w.save(p)
		if p.Version != 1 {
			t.Fatalf("editing a draft keeps its version, got v%d", p.Version)
		}
		dup := welcome()
		if err := db.InTx(ctx, func(tx *store.Tx) error { return program.Save(ctx, tx, w.ws, "t", dup) }); errs.FieldOf(err) != "name" {
			t.Fatalf("a second program with the name: %v", err)
		}
		w.status(p.ID, program.Active)
		sara := w.customer(1, map[string]any{"name": "سارا محمدی"})
		enter(t, w, p.ID, sara, true)
		enter(t, w, p.ID, sara, false) // once: the default re-entry policy
		w.drain()

		p.Steps[1].For = "1d"
		w.save(p)
		if p.Version != 2 {
			t.Fatalf("editing a running program makes version 2, got v%d", p.Version)
		}
		got, err := program.Get(ctx, db, w.ws.ID, p.ID)
		if err != nil || got.Version != 2 || got.Steps[1].For != "1d" || got.Name != "خوش‌آمد 🎉" {
			t.Fatalf("get: %+v, %v", got, err)
		}
		if n := w.count(`SELECT version FROM program_enrollments WHERE customer_id = ?`, sara); n != 1 {
			t.Fatalf("sara moved to version %d", n)
		}
		w.after(25 * time.Hour) // a day and an hour: version 2 would have moved on
		if n := w.count(`SELECT COUNT(*) FROM program_log WHERE customer_id = ? AND kind = 'action'`, sara); n != 0 {
			t.Fatal("sara, on version 1, must wait her three days")
		}
		w.after(48 * time.Hour)
		if n := w.count(`SELECT COUNT(*) FROM program_enrollments WHERE customer_id = ? AND state = 'completed'`, sara); n != 1 {
			t.Fatal("sara did not complete version 1 after three days")
		}

		w.status(p.ID, program.Paused)
		if err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := program.SetStatus(ctx, tx, w.ws, "t", p.ID, program.Draft)
			return err
		}); !errs.Is(err, errs.Conflict) {
			t.Fatalf("paused → draft: %v", err)
		}
	})
}

func enter(t *testing.T, w *world, id, cust int64, want bool) {
	t.Helper()
	var got bool
	must(t, w.db.InTx(ctx, func(tx *store.Tx) (err error) {
		got, err = program.EnterByAPI(ctx, tx, w.ws, id, cust, map[string]any{"source": "test"})
		return err
	}))
	if got != want {
		t.Fatalf("entered = %v, want %v", got, want)
	}
}
