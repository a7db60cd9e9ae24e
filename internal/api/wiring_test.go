package api

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// publishedNPS publishes the NPS template in workspace a, with a loop rule
// that opens a "detractor" case for a score of 6 or less.
func (f *fixture) publishedNPS() *survey.Survey {
	ctx, six := context.Background(), 6.0
	s, _ := survey.Template("post_purchase_nps")
	if err := survey.Create(ctx, f.db, f.a.WorkspaceID, "t", &s); err != nil {
		f.t.Fatal(err)
	}
	p, err := survey.Publish(ctx, f.db, f.a.WorkspaceID, "t", s.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	err = f.db.InTx(ctx, func(tx *store.Tx) error {
		return loop.SaveRule(ctx, tx, f.a.WorkspaceID, "t", &rules.Rule{Name: "detractors", Enabled: true,
			Trigger: rules.Trigger{Kind: rules.OnResponse},
			When:    []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: &six}},
			Then:    []rules.Action{{Kind: rules.OpenCase, Reason: "detractor"}}})
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

// TestAnswersMoveTheSummaryAtOnce stores responses through the group
// committer (the web pages' path) and the import API, edits two of them,
// and reads /api/v1/analytics/summary: without a rebuild it already equals
// what analytics.Rebuild computes from the raw answers. The detractors,
// the imported one and the web one edited down to 4, have cases.
func TestAnswersMoveTheSummaryAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, f := context.Background(), newFixture(t, db)
		s, key := f.publishedNPS(), f.a.SecretKey
		sara := f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "user_id", "value": "sara"}}}, 201)
		at := time.Now().Add(-2 * time.Hour).UTC().Truncate(time.Millisecond)
		web := &survey.Committer{DB: db}
		webSub := func(score string) *survey.Submission {
			q, _ := s.Question("nps")
			a, _ := q.Parse([]string{score})
			return &survey.Submission{Survey: s, SourceKey: "inv:web-1", CustomerID: int64(sara["id"].(float64)), Touchpoint: "checkout",
				Channel: "web", Language: "fa", Answers: []*survey.Answer{a}, Complete: true, At: at, EditFor: 3 * time.Hour}
		}
		imported := func(id, phone, score string) map[string]any {
			return map[string]any{"external_id": id, "customer": []map[string]string{{"kind": "phone", "value": phone}},
				"answered_at": at.Add(-time.Hour).Format(time.RFC3339), "answers": map[string]any{"nps": score}}
		}
		if _, err := web.Submit(ctx, webSub("9")); err != nil {
			t.Fatal(err)
		}
		f.call("POST", "/api/v1/responses", key, map[string]any{"survey_id": s.ID, "responses": []any{
			imported("x1", "09120000001", "2"), imported("x2", "09120000002", "8")}}, 200)
		summary := fmt.Sprintf("/api/v1/analytics/summary?from=%s&to=%s", at.AddDate(0, 0, -3).Format(time.DateOnly),
			at.AddDate(0, 0, 2).Format(time.DateOnly))
		if got := f.call("GET", summary, key, nil, 200)["nps"].(map[string]any); got["n"] != 3.0 {
			t.Fatalf("new responses are not in the summary: %v", got)
		}
		if _, err := web.Submit(ctx, webSub("4")); err != nil {
			t.Fatal(err)
		}
		f.call("POST", "/api/v1/responses", key, map[string]any{"survey_id": s.ID, "responses": []any{imported("x1", "09120000001", "10")}}, 200)
		live := f.call("GET", summary, key, nil, 200)
		if err := analytics.Rebuild(ctx, db, f.a.WorkspaceID); err != nil {
			t.Fatal(err)
		}
		if rebuilt := f.call("GET", summary, key, nil, 200); !reflect.DeepEqual(live, rebuilt) {
			t.Fatalf("the live summary differs from the rebuilt one:\nlive    %v\nrebuilt %v", live, rebuilt)
		}
		if nps := live["nps"].(map[string]any); nps["n"] != 3.0 || nps["value"] != 0.0 {
			t.Fatalf("after the edits NPS should be 0 over 3 answers (4, 10, 8): %v", nps)
		}
		var cases int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM cases WHERE workspace_id = ? AND reason = 'detractor' AND source_kind = 'response'
			AND channel IN ('web', 'import')`, f.a.WorkspaceID).Scan(&cases)
		if cases != 2 {
			t.Fatalf("%d detractor cases, want 2 (the import's 2 and the web edit's 4)", cases)
		}
	})
}

// TestTraitChangesRunCustomerRules sets a customer's traits through the
// API: the loop's customer rules run in the same transaction, so a trait
// a rule watches opens a case at once (once), and the case is on the
// customer's timeline.
func TestTraitChangesRunCustomerRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, f := context.Background(), newFixture(t, db)
		err := db.InTx(ctx, func(tx *store.Tx) error {
			return loop.SaveRule(ctx, tx, f.a.WorkspaceID, "t", &rules.Rule{Name: "churn risk", Enabled: true,
				Trigger: rules.Trigger{Kind: rules.OnCustomer},
				When:    []rules.Condition{{Kind: rules.Trait, Trait: "churn_risk", Op: rules.Eq, Values: []string{"بالا"}}},
				Then:    []rules.Action{{Kind: rules.OpenCase, Reason: "churn_risk"}}})
		})
		if err != nil {
			t.Fatal(err)
		}
		key := f.a.SecretKey
		low := f.call("POST", "/api/v1/customers", key, map[string]any{"traits": map[string]any{"churn_risk": "کم"},
			"identities": []map[string]string{{"kind": "user_id", "value": "u1"}}}, 201)
		high := f.call("POST", "/api/v1/customers", key, map[string]any{"traits": map[string]any{"churn_risk": "بالا"},
			"identities": []map[string]string{{"kind": "user_id", "value": "u2"}}}, 201)
		f.call("PATCH", "/api/v1/customers/"+idOf(low), key, map[string]any{"traits": map[string]any{"churn_risk": "بالا"}}, 200)
		f.call("PATCH", "/api/v1/customers/"+idOf(low), key, map[string]any{"traits": map[string]any{"city": "تبریز"}}, 200)
		for _, c := range []map[string]any{low, high} {
			var n int
			db.QueryRow(ctx, `SELECT COUNT(*) FROM cases WHERE customer_id = ? AND reason = 'churn_risk' AND source_kind = 'customer'`,
				int64(c["id"].(float64))).Scan(&n)
			if n != 1 {
				t.Fatalf("customer %s has %d churn_risk cases, want 1", idOf(c), n)
			}
		}
		tl := f.call("GET", "/api/v1/customers/"+idOf(low)+"/timeline", key, nil, 200)
		kinds := map[any]bool{}
		for _, e := range tl["data"].([]any) {
			kinds[e.(map[string]any)["kind"]] = true
		}
		if !kinds["case"] {
			t.Fatalf("the customer's case is not on the timeline: %v", tl["data"])
		}
	})
}
