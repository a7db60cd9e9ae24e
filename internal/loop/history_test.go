package loop_test

import (
	"testing"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// TestMovesAreHistory walks a case through its whole flow and back and
// reads every move from its notes, the reopening with its reason.
func TestMovesAreHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.detractorRule()
		c := w.answer(w.customer(1, nil), 3, "sms", "")[0]
		for _, s := range []string{loop.InProgress, loop.WaitingOnCustomer, loop.Resolved} {
			must(t, db.InTx(ctx, func(tx *store.Tx) error {
				_, err := loop.Update(ctx, tx, w.ws.ID, "ag1", c.ID, loop.Change{Status: ptr(s)})
				return err
			}))
		}
		closeCase(t, w, c.ID)
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			_, err := loop.Reopen(ctx, tx, w.ws, "lead", c.ID, "  مشتری دوباره تماس گرفت: کفش نرسید  ")
			return err
		}))
		notes, err := loop.Notes(ctx, db, w.ws.ID, c.ID)
		must(t, err)
		var moves []loop.Move
		for _, n := range notes {
			if m, ok := loop.ParseMove(n); ok {
				moves = append(moves, m)
			}
		}
		want := []loop.Move{{"new", "in_progress", ""}, {"in_progress", "waiting_on_customer", ""},
			{"waiting_on_customer", "resolved", ""}, {"resolved", "closed", ""},
			{"closed", "in_progress", "مشتری دوباره تماس گرفت: کفش نرسید"}}
		if len(moves) != len(want) {
			t.Fatalf("moves = %+v", moves)
		}
		for i := range want {
			if moves[i] != want[i] {
				t.Fatalf("move %d = %+v, want %+v", i, moves[i], want[i])
			}
		}
		if last := notes[len(notes)-1]; last.Author != "lead" {
			t.Fatalf("the reopening is noted as %q", last.Author)
		}
	})
}

// TestRefusedMovesLeaveNoHistory: a move off the flow, or a reopening
// with a reason too long, changes nothing and notes nothing.
func TestRefusedMovesLeaveNoHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.detractorRule()
		c := w.answer(w.customer(1, nil), 3, "sms", "")[0]
		err := db.InTx(ctx, func(tx *store.Tx) error {
			_, err := loop.Update(ctx, tx, w.ws.ID, "ag1", c.ID, loop.Change{Status: ptr(loop.Closed)})
			return err
		})
		if errs.FieldOf(err) != "status" {
			t.Fatalf("moving to closed by an update: %v", err)
		}
		closeCase(t, w, c.ID)
		long := string(make([]rune, 4001))
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, err := loop.Reopen(ctx, tx, w.ws, "lead", c.ID, long)
			return err
		})
		if errs.FieldOf(err) != "reason" {
			t.Fatalf("a reason of 4001 characters: %v", err)
		}
		if n := w.count(`SELECT COUNT(*) FROM case_notes WHERE case_id = ? AND body LIKE 'Reopened%'`, c.ID); n != 0 {
			t.Fatalf("%d reopenings noted", n)
		}
	})
}

func TestParseMove(t *testing.T) {
	for _, tc := range []struct {
		kind, body string
		ok         bool
		want       loop.Move
	}{
		{"system", "Status moved from new to resolved.", true, loop.Move{From: "new", To: "resolved"}},
		{"system", "Reopened from closed to in_progress: a: b", true, loop.Move{From: "closed", To: "in_progress", Reason: "a: b"}},
		{"note", "Status moved from new to resolved.", false, loop.Move{}},
		{"system", "Status moved from new to lunch.", false, loop.Move{}},
		{"system", "Triggered again by response 4", false, loop.Move{}},
	} {
		m, ok := loop.ParseMove(loop.Note{Kind: tc.kind, Body: tc.body})
		if ok != tc.ok || (ok && m != tc.want) {
			t.Errorf("ParseMove(%s %q) = %+v, %v", tc.kind, tc.body, m, ok)
		}
	}
}
