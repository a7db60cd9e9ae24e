package program_test

import (
	"testing"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
)

func TestSurveysInAndOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		s, err := survey.Template("post_purchase_nps")
		must(t, err)
		must(t, survey.Create(ctx, db, w.ws.ID, "test", &s))
		_, err = survey.Publish(ctx, db, w.ws.ID, "test", s.ID)
		must(t, err)
		ask := w.save(&program.Program{Name: "ask", Status: program.Active, Trigger: program.Trigger{Kind: program.OnAPI},
			Steps: []program.Step{{Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: program.SendSurvey}, SurveyID: s.ID, Channel: "sms"}}}})
		follow := w.save(&program.Program{Name: "follow", Status: program.Active,
			Trigger: program.Trigger{Kind: rules.OnResponse, SurveyID: s.ID, When: []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: ptr(6)}}},
			Steps:   []program.Step{{Kind: program.Act, Action: &program.Action{Action: rules.Action{Kind: rules.OpenCase, Reason: "detractor"}}}}})
		sara := w.customer(1, nil)
		enter(t, w, ask.ID, sara, true)
		w.drain()
		if n := w.count(`SELECT COUNT(*) FROM survey_invitations WHERE survey_id = ? AND customer_id = ? AND channel = 'sms'`, s.ID, sara); n != 1 {
			t.Fatalf("%d invitations; the survey step sends one", n)
		}
		for _, score := range []int{9, 3} {
			must(t, db.InTx(ctx, func(tx *store.Tx) error {
				return program.OnAnswer(ctx, tx, program.Answer{WorkspaceID: w.ws.ID, CustomerID: sara, SurveyID: s.ID, ResponseID: int64(score),
					Answers: []rules.AnswerFact{{Question: "nps", Kind: "nps", Score: &score}}})
			}))
		}
		w.drain()
		if w.entered(follow.ID) != 1 || w.count(`SELECT COUNT(*) FROM cases WHERE customer_id = ? AND reason = 'detractor'`, sara) != 1 {
			t.Fatal("the detractor answer (not the promoter's) enters and opens a case")
		}
	})
}
