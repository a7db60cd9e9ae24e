package loop_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestIranianCalendar(t *testing.T) {
	cal := loop.DefaultCalendar("fa", "")
	cal.Holidays = []string{"1405-01-13"} // Sizdah Bedar, Thursday 2 April 2026
	at := func(d, h, m int) time.Time { return time.Date(2026, 4, d, h, m, 0, 0, tehran.Location()) }
	cases := []struct {
		name  string
		start time.Time
		work  time.Duration
		want  time.Time
	}{
		{"within a Saturday", at(4, 10, 0), 4 * time.Hour, at(4, 14, 0)},
		{"Wednesday evening runs into Thursday's half day", at(8, 15, 0), 4 * time.Hour, at(9, 11, 0)},
		{"Thursday's half day, Friday off, on to Saturday", at(9, 11, 0), 4 * time.Hour, at(11, 11, 0)},
		{"opened on Friday waits for Saturday", at(10, 9, 0), time.Hour, at(11, 9, 0)},
		{"opened at night waits for the morning", at(5, 22, 0), 30 * time.Minute, at(6, 8, 30)},
		{"a Jalali holiday is skipped", at(1, 15, 0), 2 * time.Hour, at(4, 9, 0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := cal.Add(c.start, c.work)
			if err != nil || !got.Equal(c.want) {
				t.Fatalf("Add(%v, %v) = %v, %v; want %v", c.start, c.work, got.In(c.want.Location()), err, c.want)
			}
		})
	}
	if cal.Hours["fri"] != [2]string{} || cal.Hours["thu"][1] != "12:00" || cal.Timezone != "Asia/Tehran" {
		t.Fatalf("the Persian default week is wrong: %+v", cal)
	}
	en := loop.DefaultCalendar("en", "Europe/London")
	if _, ok := en.Hours["sat"]; ok || en.Hours["mon"][0] != "09:00" {
		t.Fatalf("the English default week is wrong: %+v", en)
	}
	bad := loop.Calendar{Timezone: "Asia/Tehran", Hours: map[string][2]string{"sat": {"16:00", "08:00"}}}
	if _, err := bad.Add(tehran, time.Hour); errs.FieldOf(err) != "calendar.hours.sat" {
		t.Fatalf("hours backwards: %v", err)
	}
	none := loop.Calendar{Timezone: "Asia/Tehran", Hours: map[string][2]string{}}
	if _, err := none.Add(tehran, time.Hour); errs.FieldOf(err) != "calendar.hours" {
		t.Fatalf("a calendar with no working day must be refused: %v", err)
	}
}

func TestDetractorOpensOneCaseWithDeadlinesAndAlerts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.detractorRule()
		c1, c2 := w.customer(1, nil), w.customer(2, nil)
		opened := w.answer(c1, 3, "ivr", "پیک دیر آمد")
		if len(opened) != 1 {
			t.Fatalf("a detractor opened %d cases", len(opened))
		}
		c := opened[0]
		if c.Status != loop.New || c.Reason != "detractor" || c.OwnerID == nil || *c.OwnerID != w.ag1 || *c.TeamID != w.team ||
			c.Metric != "nps" || *c.ScoreBefore != 3 || c.Channel != "ivr" || c.Title != "پیگیری مخالف" {
			t.Fatalf("case = %+v", c)
		}
		if want := time.Date(2026, 4, 4, 14, 0, 0, 0, tehran.Location()); !c.FirstResponseDue.Equal(want) {
			t.Fatalf("first response due %v, want %v (4 working hours)", c.FirstResponseDue, want)
		}
		if want := time.Date(2026, 4, 6, 10, 0, 0, 0, tehran.Location()); !c.ResolutionDue.Equal(want) {
			t.Fatalf("resolution due %v, want %v (16 working hours)", c.ResolutionDue, want)
		}
		if n := w.count(`SELECT COUNT(*) FROM case_alerts WHERE case_id = ? AND state = 'queued'`, c.ID); n != 1 {
			t.Fatalf("%d alerts queued for the new case, want the owner's e-mail", n)
		}
		if n := w.count(`SELECT COUNT(*) FROM timer_jobs WHERE kind IN ('loop.alert', 'loop.deadline')`); n != 3 {
			t.Fatalf("%d timer jobs, want one alert and two deadlines", n)
		}
		if again := w.answer(c1, 2, "web", "باز هم"); len(again) != 0 {
			t.Fatal("a second detractor answer opened a second case for the same reason")
		}
		if n := w.count(`SELECT COUNT(*) FROM case_notes WHERE case_id = ? AND body LIKE 'Triggered again%'`, c.ID); n != 1 {
			t.Fatalf("the repeat is not noted on the open case (%d notes)", n)
		}
		if w.answer(c2, 9, "sms", "عالی") != nil {
			t.Fatal("a promoter opened a case")
		}
		second := w.answer(c2, 0, "sms", "")
		if len(second) != 1 || *second[0].OwnerID != w.ag2 {
			t.Fatalf("round robin: the second case should go to the second agent: %+v", second)
		}
		if w.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'case.open'`) != 2 {
			t.Fatal("opening is not audited")
		}
	})
}

func TestRulesOnEventsCommentsAndTraits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.rule(rules.Rule{Name: "angry comment", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnResponse},
			When: []rules.Condition{{Kind: rules.CommentSentiment, Values: []string{"negative"}}},
			Then: []rules.Action{{Kind: rules.OpenCase, Reason: "angry_comment"}}})
		w.rule(rules.Rule{Name: "VIP first", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnCase},
			When: []rules.Condition{{Kind: rules.Trait, Trait: "vip", Op: rules.Eq, Values: []string{"true"}}},
			Then: []rules.Action{{Kind: rules.RaisePriority, Priority: "urgent"}, {Kind: rules.Notify, To: "managers"}}})
		w.rule(rules.Rule{Name: "late deliveries", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnEvent, Touchpoint: "delivery"},
			When: []rules.Condition{{Kind: rules.Signal, Op: rules.Lte, Value: num(-1)},
				{Kind: rules.SignalCount, Touchpoint: "delivery", Value: num(-1), Count: 3, Days: 30}},
			Then: []rules.Action{{Kind: rules.OpenCase, Reason: "repeated_delivery_trouble", Team: "پشتیبانی"}}})
		vip := w.customer(1, map[string]any{"vip": true})
		got := w.answer(vip, 8, "web", "The shoes fell apart after a week, terrible quality and rude staff 😡")
		if len(got) != 1 || got[0].Reason != "angry_comment" || got[0].Priority != "urgent" {
			t.Fatalf("an angry VIP comment: %+v", got)
		}
		if n := w.count(`SELECT COUNT(*) FROM case_alerts WHERE target = 'owner@aria.example'`); n != 2 {
			t.Fatalf("the managers were alerted %d times; want twice: the case has no owner, and the VIP rule notifies them", n)
		}
		c := w.customer(2, nil)
		for i := range 3 {
			sig := -2
			var opened []*loop.Case
			must(t, db.InTx(ctx, func(tx *store.Tx) error {
				_, err := tx.Exec(ctx, `INSERT INTO events (workspace_id, customer_id, message_id, type, name, touchpoint, signal,
					occurred_at, received_at) VALUES (?, ?, ?, 'track', 'Order Delivered', 'delivery', ?, ?, ?)`,
					w.ws.ID, c, "m"+string(rune('a'+i)), sig, store.Millis(tx.Now), store.Millis(tx.Now))
				if err != nil {
					return err
				}
				opened, err = loop.OnEvent(ctx, tx, loop.Event{WorkspaceID: w.ws.ID, CustomerID: c, Name: "Order Delivered",
					Touchpoint: "delivery", Signal: &sig})
				return err
			}))
			if (i < 2) != (len(opened) == 0) {
				t.Fatalf("after %d late deliveries %d cases opened; want one at the third", i+1, len(opened))
			}
		}
	})
}

func TestBadInputChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.detractorRule()
		c := w.answer(w.customer(1, nil), 2, "web", "")[0]
		try := func(fn func(tx *store.Tx) error) error { return db.InTx(ctx, fn) }

		err := try(func(tx *store.Tx) error {
			_, err := loop.Close(ctx, tx, w.ws, "test", c.ID, loop.Closing{Resolution: "called and refunded"})
			return err
		})
		if errs.FieldOf(err) != "root_cause" || !strings.Contains(errs.Message(err), "delivery_delay") {
			t.Fatalf("closing without a root cause: %v", err)
		}
		err = try(func(tx *store.Tx) error {
			_, err := loop.Close(ctx, tx, w.ws, "test", c.ID, loop.Closing{RootCause: "delivery_delay", Resolution: "  "})
			return err
		})
		if errs.FieldOf(err) != "resolution" {
			t.Fatalf("closing without a resolution note: %v", err)
		}
		err = try(func(tx *store.Tx) error {
			_, err := loop.Assign(ctx, tx, w.ws, "test", c.ID, &w.stranger, nil)
			return err
		})
		if errs.FieldOf(err) != "owner_id" || !strings.Contains(errs.Message(err), "not a member") {
			t.Fatalf("assigning outside the workspace: %v", err)
		}
		err = try(func(tx *store.Tx) error {
			_, err := loop.Update(ctx, tx, w.ws.ID, "test", c.ID, loop.Change{Status: ptr(loop.Closed)})
			return err
		})
		if errs.FieldOf(err) != "status" {
			t.Fatalf("closing through an update: %v", err)
		}
		after, err := loop.Get(ctx, db, w.ws.ID, c.ID)
		must(t, err)
		if after.Status != loop.New || *after.OwnerID != w.ag1 || after.RootCause != "" {
			t.Fatalf("a refused change left a trace: %+v", after)
		}
		closed := closeCase(t, w, c.ID)
		err = try(func(tx *store.Tx) error {
			_, err := loop.Update(ctx, tx, w.ws.ID, "test", closed.ID, loop.Change{Title: ptr("new title")})
			return err
		})
		if !errs.Is(err, errs.Conflict) || !strings.Contains(errs.Message(err), "reopen") {
			t.Fatalf("editing a closed case: %v", err)
		}
		err = try(func(tx *store.Tx) error {
			_, err := loop.AddNote(ctx, tx, w.ws.ID, closed.ID, "test", "note", "late note")
			return err
		})
		if !errs.Is(err, errs.Conflict) {
			t.Fatalf("a note on a closed case: %v", err)
		}
		bad := rules.Rule{Name: "never", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnResponse},
			When: []rules.Condition{{Kind: rules.Score, Metric: "csat", Op: rules.Gt, Value: num(5)}},
			Then: []rules.Action{{Kind: rules.OpenCase, Reason: "x"}}}
		err = try(func(tx *store.Tx) error { return loop.SaveRule(ctx, tx, w.ws.ID, "test", &bad) })
		if errs.FieldOf(err) != "when[0].value" || w.count(`SELECT COUNT(*) FROM loop_rules WHERE name = 'never'`) != 0 {
			t.Fatalf("a rule that can never match: %v", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func closeCase(t *testing.T, w *world, id int64) *loop.Case {
	t.Helper()
	var c *loop.Case
	must(t, w.db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		c, err = loop.Close(ctx, tx, w.ws, "test", id, loop.Closing{RootCause: "delivery_delay",
			Resolution: "کفش جدید با پیک فوری فرستاده شد", Message: "گفتید دیر رسید؛ پیک را عوض کردیم.", Resurvey: true})
		return err
	}))
	return c
}

func TestCaseLifecycleAndMetrics(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.detractorRule()
		c := w.answer(w.customer(1, nil), 4, "sms", "")[0]
		w.clock.advance(time.Hour)
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := loop.AddNote(ctx, tx, w.ws.ID, c.ID, "ag1", "contact", "تماس گرفتم، ‌عذرخواهی کردم 🙏"); err != nil {
				return err
			}
			if _, err := loop.Update(ctx, tx, w.ws.ID, "ag1", c.ID, loop.Change{Status: ptr(loop.WaitingOnCustomer)}); err != nil {
				return err
			}
			_, err := loop.Update(ctx, tx, w.ws.ID, "ag1", c.ID, loop.Change{Status: ptr(loop.Resolved)})
			return err
		}))
		w.clock.advance(time.Hour)
		closed := closeCase(t, w, c.ID)
		if closed.Status != loop.Closed || closed.RootCause != "delivery_delay" || closed.FirstResponseAt == nil {
			t.Fatalf("closed = %+v", closed)
		}
		notes, err := loop.Notes(ctx, db, w.ws.ID, c.ID)
		must(t, err)
		if len(notes) != 4 || notes[0].Body != "تماس گرفتم، ‌عذرخواهی کردم 🙏" {
			t.Fatalf("notes must round-trip exactly: %+v", notes)
		}
		if n := w.count(`SELECT COUNT(*) FROM case_alerts WHERE target = 'c1@mail.example' AND body LIKE '%پیک را عوض کردیم%'`); n != 1 {
			t.Fatalf("the 'you said, we did' e-mail was not queued (%d)", n)
		}
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			_, err := loop.RecordRecovery(ctx, tx, w.ws.ID, "test", c.ID, 9)
			return err
		}))
		m, err := loop.LoopMetrics(ctx, db, w.ws, loop.MetricsQuery{From: tehran.Add(-time.Hour), To: tehran.Add(time.Hour), By: "team"})
		must(t, err)
		if len(m) != 1 || m[0].Closed != 1 || *m[0].RecoveryRate != 1 || *m[0].WithinDeadline != 1 || *m[0].FirstResponseHours != 1 ||
			*m[0].CloseHours != 2 || m[0].TopRootCauses[0].RootCause != "delivery_delay" {
			t.Fatalf("metrics = %+v", m)
		}
		var reopened *loop.Case
		must(t, db.InTx(ctx, func(tx *store.Tx) error {
			reopened, err = loop.Reopen(ctx, tx, w.ws, "test", c.ID, "")
			return err
		}))
		if reopened.Status != loop.InProgress || reopened.ClosedAt != nil || !reopened.ResolutionDue.After(closed.ResolutionDue) {
			t.Fatalf("reopened = %+v", reopened)
		}
		if w.count(`SELECT COUNT(*) FROM audit_log WHERE subject = ?`, "case:"+itoa(c.ID)) < 6 {
			t.Fatal("case changes are not all audited")
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
