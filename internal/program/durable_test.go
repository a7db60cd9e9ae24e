package program_test

import (
	"sync"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// TestTwoNodesNeitherLoseNorRepeatSteps runs the due steps of many
// customers on two runners at once, then replays every finished job as a
// node that died before recording its outcome would: each step ran once.
func TestTwoNodesNeitherLoseNorRepeatSteps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		p := w.save(&program.Program{Name: "tag later", Status: program.Active, Trigger: program.Trigger{Kind: program.OnAPI},
			Steps: []program.Step{{Kind: program.Wait, For: "1d"},
				{Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.AddTag}, Tag: "day-one"}},
				{Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.SendSMS}, Purpose: program.Service,
					Template: &program.Template{FA: &program.Text{Body: "سلام"}}}}}})
		const n = 60
		for i := 0; i < n; i++ {
			enter(t, w, p.ID, w.customer(i+1, nil), true)
		}
		w.drain()
		w.clock.advance(25 * time.Hour)
		var wg sync.WaitGroup
		for _, node := range []string{"node-a", "node-b"} {
			r := &timer.Runner{DB: db, Batch: 7, Node: node}
			w.runner().Register(r)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					k, err := r.RunDue(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if k == 0 {
						return
					}
				}
			}()
		}
		wg.Wait()
		w.drain()
		check := func(when string) {
			t.Helper()
			if k := w.count(`SELECT COUNT(*) FROM program_log WHERE kind = 'action' AND detail = 'add_tag "day-one"'`); k != n {
				t.Fatalf("%s: the tag step ran %d times for %d customers", when, k, n)
			}
			if k := len(w.sms.all()); k != n {
				t.Fatalf("%s: %d SMS for %d customers", when, k, n)
			}
			if k := w.count(`SELECT COUNT(*) FROM program_enrollments WHERE state = 'completed'`); k != n {
				t.Fatalf("%s: %d completed", when, k)
			}
		}
		check("two nodes")
		if _, err := db.Exec(ctx, `UPDATE timer_jobs SET state = 'ready', due_at = 0 WHERE kind IN ('program.step', 'program.send')`); err != nil {
			t.Fatal(err)
		}
		w.drain()
		check("every job delivered again")
	})
}
