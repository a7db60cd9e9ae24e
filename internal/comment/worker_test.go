package comment_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// clock is a settable store clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

func TestWorkerReadsAnswersAndEventTexts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := &clock{now: t0}
		db.SetClock(clk.Now)
		f := newFixture(t, db)
		resp, _ := f.response("nps", 2, "پیک دو ساعت دیر رسید و غذا سرد بود، خیلی بد", t0)
		ticket := f.event("Ticket Opened", map[string]any{"body": "The app crashes every time I pay. Terrible!", "priority": "high"}, t0, t0)
		f.event("Order Completed", map[string]any{"total": 120000}, t0, t0)
		f.event("Empty Review", map[string]any{"review": ""}, t0, t0)

		w := comment.NewWorker(db, comment.Options{})
		n, err := w.Step(ctx)
		if err != nil || n != 2 {
			t.Fatalf("first step stored %d, %v; want 2", n, err)
		}
		if n, err := w.Step(ctx); err != nil || n != 0 {
			t.Fatalf("second step stored %d, %v; want 0", n, err)
		}
		got, err := comment.ForResponse(ctx, db, resp)
		if err != nil || len(got) != 1 {
			t.Fatalf("ForResponse = %v, %v", got, err)
		}
		a := got[0]
		if a.Sentiment != "negative" || a.Language != "fa" || a.Touchpoint != "delivery" || a.CustomerID == nil || *a.CustomerID != f.cus {
			t.Fatalf("answer analysis = %+v", a)
		}
		if !hasTopic(a, "delivery") || a.Text != "پیک دو ساعت دیر رسید و غذا سرد بود، خیلی بد" {
			t.Fatalf("answer analysis lost its topic or text: %+v", a)
		}
		page, _, err := comment.List(ctx, db, f.ws, comment.Filter{Source: comment.FromEvent})
		if err != nil || len(page) != 1 || page[0].SourceID != ticket || page[0].Sentiment != "negative" || page[0].Language != "en" {
			t.Fatalf("event analyses = %+v, %v", page, err)
		}
	})
}

func hasTopic(a comment.Analysis, id string) bool {
	for _, t := range a.Topics {
		if t.ID == id {
			return true
		}
	}
	return false
}

func TestWorkerTailAndSweep(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		clk := &clock{now: t0}
		db.SetClock(clk.Now)
		f := newFixture(t, db)
		// Imported long ago: only the sweep can find it.
		f.event("Review", map[string]any{"text": "great shoes, very comfortable"}, t0.AddDate(-1, 0, 0), t0.AddDate(-1, 0, 0))
		w := comment.NewWorker(db, comment.Options{SweepPause: time.Hour})
		if n, err := w.Step(ctx); err != nil || n != 1 {
			t.Fatalf("sweep stored %d, %v; want 1", n, err)
		}
		// The sweep now rests for an hour; the tail reads what arrives.
		clk.set(t0.Add(time.Second))
		f.event("Review", map[string]any{"comment": "کفش خیلی راحته، ممنون"}, t0, t0.Add(time.Second))
		f.response("csat", 5, "عالی بود", t0.Add(time.Second))
		if n, err := w.Step(ctx); err != nil || n != 2 {
			t.Fatalf("tail stored %d, %v; want 2", n, err)
		}
		// A row that commits later than its arrival time, within CommitSlack.
		clk.set(t0.Add(5 * time.Second))
		f.event("Review", map[string]any{"message": "late commit, slow delivery"}, t0, t0.Add(2*time.Second))
		if n, err := w.Step(ctx); err != nil || n != 1 {
			t.Fatalf("late row: stored %d, %v; want 1", n, err)
		}
		if n := f.count(`SELECT COUNT(*) FROM comment_analyses`); n != 4 {
			t.Fatalf("%d analyses, want 4", n)
		}
	})
}

func TestEditedAnswerIsReadAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		_, ans := f.response("nps", 10, "همه چیز عالی بود", t0)
		if _, err := comment.CatchUp(ctx, db); err != nil {
			t.Fatal(err)
		}
		page, _, _ := comment.List(ctx, db, f.ws, comment.Filter{})
		if _, err := comment.Correct(ctx, db, f.ws, page[0].ID, "neutral", "user:1"); err != nil {
			t.Fatal(err)
		}
		// The customer edits the answer within the survey's edit window.
		f.must(exec(db, `UPDATE survey_answers SET text = ?, answered_at = ? WHERE id = ?`,
			"نه، راستش پیک خیلی بداخلاق بود", store.Millis(t0.Add(time.Minute)), ans))
		if n, err := comment.CatchUp(ctx, db); err != nil || n != 1 {
			t.Fatalf("CatchUp after the edit stored %d, %v", n, err)
		}
		a, err := comment.Get(ctx, db, f.ws, page[0].ID)
		if err != nil || a.Sentiment != "negative" || a.Correction != "" || !a.WrittenAt.Equal(t0.Add(time.Minute)) {
			t.Fatalf("after the edit: %+v, %v (the old correction labelled other words)", a, err)
		}
		if n := f.count(`SELECT COUNT(*) FROM comment_analyses`); n != 1 {
			t.Fatalf("%d analyses of one answer", n)
		}
	})
}

func exec(db *store.DB, q string, args ...any) error {
	_, err := db.Exec(context.Background(), q, args...)
	return err
}

// Two nodes on one database, looking at the same time, store each comment
// once between them.
func TestTwoNodesStoreOneAnalysisEach(t *testing.T) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(d.String(), func(t *testing.T) {
			ctx := context.Background()
			target := storetest.Target(t, d)
			a, b := openAt(t, target), openAt(t, target)
			f := newFixture(t, a)
			for i := range 600 {
				f.event("Review", map[string]any{"text": texts[i%len(texts)]}, t0, t0)
			}
			wa := comment.NewWorker(a, comment.Options{Batch: 100})
			wb := comment.NewWorker(b, comment.Options{Batch: 100})
			var mu sync.Mutex
			total := 0
			var wg sync.WaitGroup
			for _, w := range []*comment.Worker{wa, wb} {
				wg.Go(func() {
					for range 12 {
						n, err := w.Step(ctx)
						if err != nil {
							t.Error(err)
							return
						}
						mu.Lock()
						total += n
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if n := f.count(`SELECT COUNT(*) FROM comment_analyses`); n != 600 || total != 600 {
				t.Fatalf("%d analyses, %d stored by the two nodes; want 600 and 600", n, total)
			}
		})
	}
}

var texts = []string{"great pizza, fast delivery", "the driver was rude and the food was cold",
	"غذا خوشمزه بود ولی پیک دیر رسید", "قیمت‌ها خیلی گرونه", "ok", "😡😡", "mixed متن با English words"}

func openAt(t *testing.T, target string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), target, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestRunDrainsOnShutdown(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	f := newFixture(t, db)
	w := comment.NewWorker(db, comment.Options{Interval: 10 * time.Millisecond})
	go w.Run(context.Background())
	f.event("Review", map[string]any{"text": "lovely staff"}, time.Now(), time.Now())
	deadline := time.Now().Add(5 * time.Second)
	for f.count(`SELECT COUNT(*) FROM comment_analyses`) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := w.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if n := f.count(`SELECT COUNT(*) FROM comment_analyses`); n != 1 {
		t.Fatalf("the running worker stored %d analyses, want 1", n)
	}
}
