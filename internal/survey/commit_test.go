package survey_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// TestGroupCommitKeepsEachSubmissionApart sends good submissions and
// refused ones (a replay of a completed response) at once: the refused
// ones fail alone and every good one is stored exactly once.
func TestGroupCommitKeepsEachSubmissionApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws := newWorkspace(t, db)
		s := published(t, db, ws.ID, "post_purchase_nps")
		done := &survey.Submission{Survey: s, SourceKey: "done", Channel: "web", Language: "fa", Complete: true,
			Answers: []*survey.Answer{answer(t, s, "nps", "9")}}
		if _, err := submit(db, done); err != nil {
			t.Fatal(err)
		}
		c := &survey.Committer{DB: db}
		var wg sync.WaitGroup
		var mu sync.Mutex
		refused := 0
		for i := range 60 {
			wg.Go(func() {
				sub := &survey.Submission{Survey: s, SourceKey: fmt.Sprint("k", i%40), Channel: "web", Language: "fa",
					Answers: []*survey.Answer{answer(t, s, "nps", fmt.Sprint(i%11))}}
				if i%10 == 0 {
					sub = done
				}
				if _, err := c.Submit(ctx, sub); err != nil {
					if !errs.Is(err, errs.Conflict) {
						t.Errorf("submit %d: %v", i, err)
					}
					mu.Lock()
					refused++
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		var n int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM survey_responses`).Scan(&n)
		if refused != 6 || n != 1+36 {
			t.Fatalf("%d refused (want 6), %d responses (want 37)", refused, n)
		}
	})
}
