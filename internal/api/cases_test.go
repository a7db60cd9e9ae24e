package api

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestLoopScenario(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		var agent, stranger auth.User
		err := db.InTx(context.Background(), func(tx *store.Tx) error {
			agent.Email, stranger.Email = "agent@aria.example", "stranger@napoli.example"
			if err := auth.CreateUser(context.Background(), tx, &agent, "correct horse battery", f.a.WorkspaceID, auth.Agent); err != nil {
				return err
			}
			return auth.CreateUser(context.Background(), tx, &stranger, "correct horse battery", f.b.WorkspaceID, auth.Agent)
		})
		if err != nil {
			t.Fatal(err)
		}
		team := f.call("POST", "/api/v1/teams", key, map[string]any{"name": "پشتیبانی", "members": []int64{agent.ID}, "lead_id": agent.ID}, 201)
		f.call("POST", "/api/v1/teams", key, map[string]any{"name": "x", "members": []int64{stranger.ID}}, 400)
		f.call("GET", "/api/v1/teams", key, nil, 200)

		rule := map[string]any{"name": "detractors", "enabled": true, "trigger": map[string]any{"kind": "response"},
			"when": []any{map[string]any{"kind": "score", "metric": "nps", "op": "lte", "value": 6}},
			"then": []any{map[string]any{"kind": "open_case", "reason": "detractor", "team": "پشتیبانی"}}}
		created := f.call("POST", "/api/v1/loop-rules", key, rule, 201)
		never := f.call("POST", "/api/v1/loop-rules", key, map[string]any{"name": "never", "trigger": map[string]any{"kind": "response"},
			"when": []any{map[string]any{"kind": "score", "metric": "nps", "op": "lte", "value": 6}, map[string]any{"kind": "score", "metric": "nps", "op": "gte", "value": 9}},
			"then": []any{map[string]any{"kind": "notify", "to": "team"}}}, 400)
		if never["field"] != "when" || !strings.Contains(never["detail"].(string), "never all hold") {
			t.Fatalf("a rule that can never match: %v", never)
		}
		loopy := f.call("POST", "/api/v1/loop-rules", key, map[string]any{"name": "echo", "trigger": map[string]any{"kind": "case"},
			"then": []any{map[string]any{"kind": "open_case", "reason": "again"}}}, 400)
		if !strings.Contains(loopy["detail"].(string), "would loop") {
			t.Fatalf("a looping rule: %v", loopy)
		}
		f.call("GET", "/api/v1/loop-rules/"+idOf(created), key, nil, 200)
		f.call("GET", "/api/v1/loop-rules/"+idOf(created), f.b.SecretKey, nil, 404)
		f.call("GET", "/api/v1/loop-rules", key, nil, 200)

		cust := f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "email", "value": "sara@mail.example"}}}, 201)
		custID := int64(cust["id"].(float64))
		var caseID int64
		err = db.InTx(context.Background(), func(tx *store.Tx) error {
			score := 2
			cases, err := loop.OnResponse(context.Background(), tx, loop.Response{WorkspaceID: f.a.WorkspaceID, CustomerID: custID,
				Channel: "sms", Answers: []rules.AnswerFact{{Question: "nps", Kind: "nps", Score: &score}}})
			if err == nil && len(cases) == 1 {
				caseID = cases[0].ID
			}
			return err
		})
		if err != nil || caseID == 0 {
			t.Fatalf("the detractor opened no case: %v", err)
		}
		path := fmt.Sprintf("/api/v1/cases/%d", caseID)
		list := f.call("GET", "/api/v1/cases?status=new&team_id="+idOf(team), key, nil, 200)
		if len(list["data"].([]any)) != 1 {
			t.Fatalf("list: %v", list)
		}
		f.call("GET", "/api/v1/cases?status=bogus", key, nil, 400)
		view := f.call("GET", path, key, nil, 200)
		if view["customer"].(map[string]any)["id"].(float64) != float64(custID) || view["owner_id"].(float64) != float64(agent.ID) {
			t.Fatalf("case view: %v", view)
		}
		f.call("GET", path, f.b.SecretKey, nil, 404)
		f.call("POST", path+"/notes", key, map[string]any{"kind": "contact", "body": "زنگ زدم؛ ‌عذرخواهی شد 🙏"}, 201)
		f.call("PATCH", path, key, map[string]any{"status": "in_progress", "priority": "high"}, 200)
		f.call("PATCH", path, key, map[string]any{"status": "closed"}, 400)
		bad := f.call("POST", path+"/assign", key, map[string]any{"owner_id": stranger.ID}, 400)
		if bad["field"] != "owner_id" {
			t.Fatalf("assigning to a stranger: %v", bad)
		}
		f.call("POST", path+"/close", key, map[string]any{"resolution": "refunded"}, 400)
		closed := f.call("POST", path+"/close", key, map[string]any{"root_cause": "delivery_delay", "resolution": "refunded", "resurvey": true}, 200)
		if closed["status"] != "closed" {
			t.Fatalf("closed: %v", closed)
		}
		f.call("PATCH", path, key, map[string]any{"title": "late edit"}, 409)
		f.call("POST", path+"/recovery", key, map[string]any{"score": 9}, 200)
		m := f.call("GET", "/api/v1/loop/metrics?by=touchpoint", key, nil, 200)
		if got := m["data"].([]any)[0].(map[string]any); got["recovery_rate"] != 1.0 {
			t.Fatalf("metrics: %v", m)
		}
		f.call("GET", "/api/v1/loop/metrics?by=moon", key, nil, 400)
		f.call("POST", path+"/reopen", key, map[string]any{}, 200)
		f.call("POST", "/api/v1/cases", key, map[string]any{"customer_id": custID, "reason": "detractor"}, 200)
		f.call("POST", "/api/v1/cases", key, map[string]any{"customer_id": custID, "reason": "vip_call", "owner_id": agent.ID}, 201)
		set := f.call("GET", "/api/v1/loop/settings", key, nil, 200)
		set["first_response_hours"] = 0
		f.call("PUT", "/api/v1/loop/settings", key, set, 400)
		set["first_response_hours"] = 2
		f.call("PUT", "/api/v1/loop/settings", key, set, 200)
		f.call("GET", "/api/v1/loop/dead-letters", key, nil, 200)
		f.call("PUT", "/api/v1/teams/"+idOf(team), key, map[string]any{"name": "Support"}, 200)
		f.call("DELETE", "/api/v1/loop-rules/"+idOf(created), key, nil, 204)
		f.call("DELETE", "/api/v1/teams/"+idOf(team), key, nil, 204)
	})
}
