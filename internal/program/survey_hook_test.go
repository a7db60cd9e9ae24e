package program_test

import (
	"testing"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// A response stored through the survey package enters the programs its
// answers trigger, in the same transaction: the hook survey calls.
func TestSubmittedAnswerEntersPrograms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s, err := survey.Template("post_purchase_nps")
		must(t, err)
		must(t, survey.Create(ctx, db, w.ws.ID, "test", &s))
		pub, err := survey.Publish(ctx, db, w.ws.ID, "test", s.ID)
		must(t, err)
		follow := w.save(&program.Program{Name: "win back detractors", Status: program.Active,
			Trigger: program.Trigger{Kind: rules.OnResponse, SurveyID: s.ID, When: []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: ptr(6)}}},
			Steps:   []program.Step{tagStep("detractor")}})
		for i, score := range []int{10, 2} {
			cust := w.customer(i+1, nil)
			must(t, db.InTx(ctx, func(tx *store.Tx) error {
				_, err := survey.Submit(ctx, tx, &survey.Submission{Survey: pub, SourceKey: "k" + string(rune('a'+i)), CustomerID: cust,
					Channel: "web", Language: "fa", Complete: true,
					Answers: []*survey.Answer{{Question: "nps", Kind: survey.NPS, Score: &score}}})
				return err
			}))
		}
		if n := w.entered(follow.ID); n != 1 {
			t.Fatalf("%d enrolments; the detractor's answer (only) enters", n)
		}
	})
}
