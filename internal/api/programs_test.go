package api

import (
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestProgramsScenario(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		prog := map[string]any{"name": "خوش‌آمد", "trigger": map[string]any{"kind": "api"},
			"steps": []any{
				map[string]any{"id": "hello", "kind": "action", "action": map[string]any{"kind": "send_sms",
					"template": map[string]any{"fa": map[string]any{"body": "سلام {{first_nam}}"}}}},
			}}
		bad := f.call("POST", "/api/v1/programs", key, prog, 400)
		if bad["field"] != "steps[0].action.template.fa.body" || !strings.Contains(bad["detail"].(string), "{{first_nam}}") {
			t.Fatalf("unknown template field: %v", bad)
		}
		loopy := f.call("POST", "/api/v1/programs", key, map[string]any{"name": "x", "trigger": map[string]any{"kind": "api"},
			"steps": []any{map[string]any{"id": "a", "kind": "wait", "for": "1d"}, map[string]any{"id": "b", "kind": "wait", "for": "1d", "next": "a"}}}, 400)
		if !strings.Contains(loopy["detail"].(string), "loop forever") {
			t.Fatalf("a loop: %v", loopy)
		}
		unknown := f.call("POST", "/api/v1/programs", key, map[string]any{"name": "x", "trigger": map[string]any{"kind": "event", "event": "Nobody Sends This"},
			"steps": []any{map[string]any{"kind": "wait", "for": "1d"}}}, 400)
		if unknown["field"] != "trigger.event" {
			t.Fatalf("unknown event: %v", unknown)
		}
		prog["steps"].([]any)[0].(map[string]any)["action"].(map[string]any)["template"] = map[string]any{"fa": map[string]any{"body": "سلام {{first_name}} 🌷"}}
		created := f.call("POST", "/api/v1/programs", key, prog, 201)
		path := "/api/v1/programs/" + idOf(created)
		if created["status"] != "draft" || created["version"].(float64) != 1 {
			t.Fatalf("created: %v", created)
		}
		f.call("GET", path, key, nil, 200)
		f.call("GET", path, f.b.SecretKey, nil, 404)
		f.call("GET", "/api/v1/programs", key, nil, 200)
		f.call("POST", path+"/pause", key, nil, 409)
		f.call("POST", path+"/activate", key, nil, 200)
		cust := f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "phone", "value": "09121234567"}},
			"traits": map[string]any{"first_name": "سارا"}}, 201)
		in := f.call("POST", path+"/enter", key, map[string]any{"customer_id": cust["id"]}, 200)
		again := f.call("POST", path+"/enter", key, map[string]any{"customer_id": cust["id"]}, 200)
		if in["entered"] != true || again["entered"] != false {
			t.Fatalf("enter: %v then %v", in, again)
		}
		f.call("POST", path+"/enter", key, map[string]any{"customer_id": 999999}, 400)
		tr := f.call("POST", path+"/dry-run", key, map[string]any{"customer": map[string]any{"phone": "+989121234567",
			"traits": map[string]any{"first_name": "مریم"}}}, 200)
		lines := tr["lines"].([]any)
		if tr["outcome"] != "completed" || !strings.HasPrefix(lines[1].(map[string]any)["text"].(string), "سلام مریم 🌷") {
			t.Fatalf("dry run: %v", tr)
		}
		f.call("POST", path+"/dry-run", key, map[string]any{}, 400)
		pv := f.call("POST", path+"/preview", key, map[string]any{"step": "hello", "customer_id": cust["id"]}, 200)
		if pv["text"] != "سلام سارا 🌷\nلغو ۱۱" {
			t.Fatalf("preview: %v", pv)
		}
		f.call("POST", path+"/preview", key, map[string]any{"step": "nope", "customer_id": cust["id"]}, 400)
		f.call("GET", path+"/counts", key, nil, 200)
		hist := f.call("GET", path+"/customers/"+idOf(cust), key, nil, 200)
		if len(hist["data"].([]any)) != 1 {
			t.Fatalf("history: %v", hist)
		}
		f.call("GET", path+"/customers/"+idOf(cust), f.b.SecretKey, nil, 404)
		edited := f.call("PUT", path, key, prog, 200)
		if edited["version"].(float64) != 2 || edited["status"] != "active" {
			t.Fatalf("editing a running program: %v", edited)
		}
		f.call("POST", path+"/pause", key, nil, 200)
		f.call("POST", path+"/resume", key, nil, 200)
		f.call("POST", path+"/archive", key, nil, 200)
		f.call("PUT", path, key, prog, 409)

		set := f.call("GET", "/api/v1/program-settings", key, nil, 200)
		if len(set["caps"].([]any)) != 2 {
			t.Fatalf("default guardrails: %v", set)
		}
		f.call("PUT", "/api/v1/program-settings", key, map[string]any{"caps": []any{map[string]any{"channel": "sms", "max": 1, "days": 7}},
			"quiet_hours": []any{map[string]any{"channel": "sms", "from": 22, "to": 8, "timezone": "Mars/Base"}}}, 400)
		f.call("PUT", "/api/v1/program-settings", key, map[string]any{"caps": []any{map[string]any{"channel": "sms", "max": 1, "days": 7}}}, 200)
	})
}
