package analytics_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

var tehran, _ = time.LoadLocation("Asia/Tehran")

// world is a workspace with customers, events and survey answers whose
// scores are known, written the way the product writes them.
type world struct {
	db     *store.DB
	ws     int64
	survey int64
	q      *analytics.Querier
	now    time.Time
}

func newWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	ctx := context.Background()
	res, err := onboard.Workspace(ctx, db, onboard.Request{Workspace: workspace.Workspace{Name: "Aria", Slug: "aria"},
		AdminEmail: "a@example.com", AdminPassword: "long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	w := &world{db: db, ws: res.WorkspaceID, now: time.Date(2026, 11, 20, 12, 0, 0, 0, tehran)}
	w.q = analytics.NewQuerier(db, w.ws, tehran)
	err = db.InTx(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO surveys (workspace_id, name, questions, created_at, updated_at) VALUES (?, 'post-purchase', ?, 0, 0) RETURNING id`,
			w.ws, `[{"id":"nps","kind":"nps","pillar":""},{"id":"delivery","kind":"csat","pillar":"reliability"},
		{"id":"staff","kind":"csat","pillar":"trust"},{"id":"price","kind":"csat","pillar":"value"},
		{"id":"feel","kind":"emotion","options":[{"id":"belonging"},{"id":"security"},{"id":"anger","negative":true}]}]`).Scan(&w.survey)
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// customer makes a customer with traits.
func (w *world) customer(t *testing.T, n int, kids bool) int64 {
	t.Helper()
	var id int64
	err := w.db.InTx(context.Background(), func(tx *store.Tx) error {
		res, err := customer.Resolve(context.Background(), tx, w.ws, []customer.Identity{{Kind: customer.UserID, Value: fmt.Sprint("u", n)}},
			customer.Traits{"has_kids": []byte(fmt.Sprint(kids))})
		id = res.CustomerID
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) event(t *testing.T, cust int64, tp string, signal int, at time.Time) {
	t.Helper()
	err := w.db.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := journey.InsertEvent(context.Background(), tx, &journey.Event{WorkspaceID: w.ws, CustomerID: cust,
			MessageID: fmt.Sprint(cust, tp, at.UnixNano()), Type: "track", Touchpoint: tp, Channel: "store", Signal: &signal,
			OccurredAt: at, ReceivedAt: at})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// respond stores one response with its scored answers and rolls them up.
func (w *world) respond(t *testing.T, cust int64, tp string, at time.Time, scores map[string]int, feel string) {
	t.Helper()
	ctx := context.Background()
	err := w.db.InTx(ctx, func(tx *store.Tx) error {
		var resp int64
		if err := tx.QueryRow(ctx, `INSERT INTO survey_responses (workspace_id, survey_id, customer_id, source_key, touchpoint,
			channel, language, status, started_at, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, 'web', 'fa', 'complete', ?, ?, ?) RETURNING id`,
			w.ws, w.survey, cust, fmt.Sprint(cust, at.UnixNano()), tp, store.Millis(at), store.Millis(at), store.Millis(at)).Scan(&resp); err != nil {
			return err
		}
		r := analytics.NewRollup(w.ws, tehran)
		for q, s := range scores {
			kind := map[bool]string{true: "nps", false: "csat"}[q == "nps"]
			if _, err := tx.Exec(ctx, `INSERT INTO survey_answers (workspace_id, survey_id, response_id, customer_id, question, kind,
				score, touchpoint, channel, language, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'web', 'fa', ?)`,
				w.ws, w.survey, resp, cust, q, kind, s, tp, store.Millis(at)); err != nil {
				return err
			}
			r.Score(at, w.survey, q, kind, tp, "web", "fa", s, 1)
		}
		if feel != "" {
			if _, err := tx.Exec(ctx, `INSERT INTO survey_answers (workspace_id, survey_id, response_id, customer_id, question, kind,
				choice, touchpoint, channel, language, answered_at) VALUES (?, ?, ?, ?, 'feel', 'emotion', ?, ?, 'web', 'fa', ?)`,
				w.ws, w.survey, resp, cust, feel, tp, store.Millis(at)); err != nil {
				return err
			}
		}
		return r.Flush(ctx, tx)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (w *world) filter(t *testing.T, q string) analytics.Filter {
	t.Helper()
	v, _ := url.ParseQuery(q)
	f, err := analytics.ParseFilter(v, tehran, w.now)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// populate writes a year in which delivery drives NPS: customers whose
// deliveries went badly give low NPS; staff barely matters; price not at all.
func (w *world) populate(t *testing.T, customers int) {
	r := rand.New(rand.NewPCG(4, 2))
	for i := 0; i < customers; i++ {
		kids := i%3 == 0
		c := w.customer(t, i, kids)
		at := w.now.AddDate(0, 0, -1-r.IntN(300))
		delivery, staff := r.IntN(5)-2, r.IntN(5)-2
		w.event(t, c, "store_visit", 1, at.Add(-48*time.Hour))
		w.event(t, c, "delivery", delivery, at.Add(-24*time.Hour))
		w.event(t, c, "staff", staff, at.Add(-30*time.Hour))
		nps := min(10, max(0, 6+2*delivery+staff/2+r.IntN(3)-1))
		csat := min(5, max(1, 3+delivery))
		feel := "belonging"
		if delivery < 0 {
			feel = "anger"
		}
		w.respond(t, c, "delivery", at, map[string]int{"nps": nps, "delivery": csat, "staff": min(5, max(1, 3+staff)), "price": 1 + r.IntN(5)}, feel)
	}
}

func TestRollupsMatchARebuildAndAnswerQuestions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		w.populate(t, 120)
		year := w.filter(t, "from=2025-11-20&to=2026-11-21")
		before, err := w.q.Summary(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		if before.NPS.N != 120 || before.Events != 360 || before.Responses != 120 || before.NPS.TooSmall {
			t.Fatalf("summary: %+v", before)
		}
		series, _ := w.q.Series(ctx, year, analytics.SeriesRequest{Metric: "nps", Unit: "week", Calendar: "jalali", ByTouchpoint: true})
		if err := analytics.Rebuild(ctx, db, w.ws); err != nil {
			t.Fatal(err)
		}
		after, _ := w.q.Summary(ctx, year)
		again, _ := w.q.Series(ctx, year, analytics.SeriesRequest{Metric: "nps", Unit: "week", Calendar: "jalali", ByTouchpoint: true})
		if !reflect.DeepEqual(before, after) || !reflect.DeepEqual(series, again) {
			t.Fatalf("incremental rollups differ from a rebuild:\n%+v\n%+v", before, after)
		}
		var sum int64
		for _, p := range series {
			if p.Start.Weekday() != time.Saturday || p.Start.Location().String() != "Asia/Tehran" {
				t.Fatalf("a Jalali week must start on Saturday in Tehran: %v", p.Start)
			}
			sum += p.N
		}
		if sum != 120 {
			t.Fatalf("weekly points hold %d answers, want 120", sum)
		}
	})
}

func TestJourneyMapGapsAndDrivers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		w.populate(t, 150)
		year := w.filter(t, "from=2025-11-20&to=2026-11-21")
		cells, err := w.q.JourneyMap(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		var delivery *analytics.Cell
		for i := range cells {
			if cells[i].Touchpoint == "delivery" {
				delivery = &cells[i]
			}
		}
		if len(cells) != len(journey.DefaultRetail) || delivery == nil || delivery.Events != 150 || delivery.Gap == nil || *delivery.Gap >= 0 {
			t.Fatalf("delivery cell = %+v", delivery)
		}
		gaps, err := w.q.Gaps(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		if gaps.TooSmall || gaps.FixFirst != "delivery" {
			t.Fatalf("delivery drives NPS and performs worst; gaps = %+v", gaps)
		}
		drv, err := w.q.Drivers(ctx, w.filter(t, fmt.Sprintf("from=2025-11-20&to=2026-11-21&survey=%d", w.survey)), "nps")
		if err != nil {
			t.Fatal(err)
		}
		if drv.TooSmall || drv.Drivers[0].Question != "delivery" || drv.Drivers[len(drv.Drivers)-1].Question != "price" {
			t.Fatalf("drivers = %+v", drv)
		}
		flow, _ := w.q.Flow(ctx, year)
		if flow[1].Stage != "consideration" || flow[1].Reached != 150 || flow[1].WentOn != 150 {
			t.Fatalf("flow = %+v", flow)
		}
		emo, _ := w.q.Emotion(ctx, year)
		if emo.Respondents != 150 || emo.NPSConnected.Value <= emo.NPSUnconnected.Value || !emo.Loyalty.Significant {
			t.Fatalf("emotion = %+v", emo)
		}
		pil, _ := w.q.Pillars(ctx, year)
		if pil.Pillars[0].Pillar != "trust" || pil.Pillars[0].Index.N != 150 || pil.Pillars[3].Index.N != 0 {
			t.Fatalf("pillars = %+v", pil)
		}
	})
}

func TestSegmentsReadRawRowsCorrectly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		w.populate(t, 60)
		kids, err := w.q.Summary(ctx, w.filter(t, "from=2025-11-20&to=2026-11-21&segment=has_kids:eq:true"))
		if err != nil {
			t.Fatal(err)
		}
		none, _ := w.q.Summary(ctx, w.filter(t, "from=2025-11-20&to=2026-11-21&segment=has_kids:eq:false"))
		if kids.NPS.N != 20 || none.NPS.N != 40 || kids.Events != 60 {
			t.Fatalf("segments: kids %d answers %d events, others %d answers", kids.NPS.N, kids.Events, none.NPS.N)
		}
	})
}

func TestBadQuestionsGetClearErrors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		for _, q := range []string{"from=2026-12-01&to=2026-11-01", "from=1990-01-01&to=2026-01-01", "segment=has_kids:like:x",
			"segment=drop table:eq:1", "survey=abc", "to=yesterday"} {
			v, _ := url.ParseQuery(q)
			if _, err := analytics.ParseFilter(v, tehran, w.now); !errs.Is(err, errs.Invalid) {
				t.Errorf("%s: %v", q, err)
			}
		}
		year := w.filter(t, "from=2025-11-20&to=2026-11-21")
		for _, r := range []analytics.SeriesRequest{{Metric: "mood", Unit: "week", Calendar: "jalali"},
			{Metric: "nps", Unit: "fortnight", Calendar: "jalali"}, {Metric: "nps", Unit: "week", Calendar: "mayan"}} {
			if _, err := w.q.Series(ctx, year, r); !errs.Is(err, errs.Invalid) {
				t.Errorf("%+v: %v", r, err)
			}
		}
		decade := w.filter(t, "from=2017-01-01&to=2026-11-21")
		if _, err := w.q.Series(ctx, decade, analytics.SeriesRequest{Metric: "nps", Unit: "day", Calendar: "gregorian", ByTouchpoint: true}); !errs.Is(err, errs.Invalid) {
			t.Errorf("a daily series per touchpoint over a decade must be refused: %v", err)
		}
		if _, err := w.q.Drivers(ctx, year, "nps"); !errs.Is(err, errs.Invalid) {
			t.Errorf("drivers without a survey: %v", err)
		}
	})
}
