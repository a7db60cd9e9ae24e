package program_test

import (
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// TestWouldEnterAndTheCapInADryRun: only a VIP meets the trigger's
// conditions, and once inside is kept out by the re-entry policy; a
// customer who already had three promotional e-mails this week is held
// back by the cap in a dry run; the summaries count both programs.
func TestWouldEnterAndTheCapInADryRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		vipOnly := w.save(&program.Program{Name: "vip", Status: program.Active,
			Trigger: program.Trigger{Kind: program.OnAPI, When: []rules.Condition{{Kind: rules.Trait, Trait: "vip", Op: rules.Eq, Values: []string{"true"}}}},
			Steps:   []program.Step{{ID: "rest", Kind: program.Wait, For: "1d"}}})
		vip, plain := w.customer(1, map[string]any{"vip": true}), w.customer(2, nil)
		for _, c := range []struct {
			cust int64
			ok   bool
			why  string
		}{{vip, true, ""}, {plain, false, program.KeptByConditions}} {
			ok, why, err := program.WouldEnter(ctx, db, w.ws, vipOnly.ID, c.cust)
			if err != nil || ok != c.ok || why != c.why {
				t.Fatalf("customer %d: %v %q %v", c.cust, ok, why, err)
			}
		}
		enter(t, w, vipOnly.ID, vip, true)
		if ok, why, _ := program.WouldEnter(ctx, db, w.ws, vipOnly.ID, vip); ok || why != program.KeptByReentry {
			t.Fatalf("inside already: %v %q", ok, why)
		}

		mail := send(program.SendEmail, program.Promotional, "سلام")
		mail.ID = "mail"
		news := w.save(&program.Program{Name: "news", Status: program.Active, Trigger: program.Trigger{Kind: program.OnAPI},
			Steps: []program.Step{mail}, Reentry: program.Reentry{Policy: program.AfterExit}})
		for range 3 {
			enter(t, w, news.ID, plain, true)
			w.drain()
		}
		for cust, want := range map[int64]string{plain: "would suppress", vip: "would send"} {
			tr, err := program.Walk(ctx, db, w.ws, news.ID, program.DryRun{CustomerID: cust})
			must(t, err)
			line := tr.Lines[len(tr.Lines)-1]
			if line.Kind != want || want == "would suppress" && !strings.Contains(line.Detail, "frequency cap: 3 promotional email") {
				t.Fatalf("customer %d: %+v", cust, line)
			}
		}

		sums, err := program.Summaries(ctx, db, w.ws.ID)
		must(t, err)
		if s := sums[news.ID]; s == nil || s.Entered != 3 || s.Completed != 3 || s.LastRun == nil {
			t.Fatalf("news: %+v", s)
		}
		if s := sums[vipOnly.ID]; s == nil || s.Entered != 1 || s.Active != 1 {
			t.Fatalf("vip: %+v", s)
		}
	})
}
