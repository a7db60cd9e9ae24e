package journey_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// seedSignals makes a workspace with the default journey, one customer and
// the given events (touchpoint, signal or 9 for none, days after start).
func seedSignals(t *testing.T, db *store.DB, start time.Time, events [][3]any) (ws, cust int64) {
	t.Helper()
	ctx := context.Background()
	err := db.InTx(ctx, func(tx *store.Tx) error {
		w := workspace.Workspace{Name: "آریا " + fmt.Sprint(start.UnixNano())}
		if err := workspace.Create(ctx, tx, &w); err != nil {
			return err
		}
		ws = w.ID
		if err := journey.SeedDefaults(ctx, tx, ws); err != nil {
			return err
		}
		res, err := customer.Resolve(ctx, tx, ws, []customer.Identity{{Kind: customer.UserID, Value: "u1"}}, nil)
		if err != nil {
			return err
		}
		cust = res.CustomerID
		for i, e := range events {
			ev := &journey.Event{WorkspaceID: ws, CustomerID: cust, MessageID: fmt.Sprint("m", i), Type: "track",
				Name: "Thing", Touchpoint: e[0].(string), OccurredAt: start.Add(time.Duration(e[2].(float64) * 24 * float64(time.Hour)))}
			if s := e[1].(int); s != 9 {
				ev.Signal = &s
			}
			if _, err := journey.InsertEvent(ctx, tx, ev); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ws, cust
}

func TestSignalsByTouchpointStageAndWeek(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		start := time.Date(2026, 2, 28, 20, 30, 0, 0, time.UTC) // a Saturday, 00:00 in Tehran
		ws, _ := seedSignals(t, db, start, [][3]any{
			{"staff", 2, 0.5}, {"staff", 1, 1.0}, {"staff", -2, 8.0}, {"staff", 9, 8.5},
			{"checkout", -1, 15.0}, {"website", 1, 2.0}, {"", 9, 3.0}, {"staff", 2, -1.0},
		})
		by, err := journey.SignalsByTouchpoint(ctx, db, ws, start)
		if err != nil {
			t.Fatal(err)
		}
		if by["staff"] != (journey.Signals{Positive: 2, Negative: 1, Volume: 4}) || by[""].Volume != 1 {
			t.Fatalf("by touchpoint = %+v", by)
		}
		if b, ok := by["staff"].Balance(); !ok || b < 0.33 || b > 0.34 {
			t.Errorf("staff balance = %v, %v", b, ok)
		}
		if _, ok := by[""].Balance(); ok {
			t.Error("a balance without signals")
		}
		tps, _ := journey.ListTouchpoints(ctx, db, ws)
		stages := journey.SignalsByStage(tps, by)
		if stages["purchase"] != (journey.Signals{Positive: 2, Negative: 2, Volume: 5}) || stages["consideration"].Positive != 1 {
			t.Fatalf("by stage = %+v", stages)
		}
		weeks, err := journey.WeeklySignals(ctx, db, ws, "", start, 4)
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(weeks[0].Signals, weeks[1].Signals, weeks[2].Signals, weeks[3].Signals)
		if got != "{3 0 4} {0 1 2} {0 1 1} {0 0 0}" || !weeks[1].Start.Equal(start.AddDate(0, 0, 7)) {
			t.Fatalf("weeks = %s", got)
		}
		weeks, _ = journey.WeeklySignals(ctx, db, ws, "staff", start, 2)
		if fmt.Sprint(weeks[0].Signals, weeks[1].Signals) != "{2 0 2} {0 1 2}" {
			t.Fatalf("staff weeks = %+v", weeks)
		}
	})
}

func TestRecentEventsAndCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		ws, cust := seedSignals(t, db, start, [][3]any{{"staff", 2, 1.0}, {"staff", 9, 2.0}, {"staff", -1, 3.0}, {"website", 1, 4.0}})
		other, _ := seedSignals(t, db, start.Add(time.Hour), [][3]any{{"staff", 1, 1.0}})
		evs, err := journey.RecentEvents(ctx, db, ws, "staff", 2)
		if err != nil || len(evs) != 2 || *evs[0].Signal != -1 || evs[1].Signal != nil || evs[0].CustomerID != cust {
			t.Fatalf("recent = %+v, %v", evs, err)
		}
		if n, err := journey.CountEvents(ctx, db, ws); n != 4 || err != nil {
			t.Fatalf("count = %d, %v", n, err)
		}
		if n, _ := customer.Count(ctx, db, other); n != 1 {
			t.Fatalf("customers = %d", n)
		}
	})
}
