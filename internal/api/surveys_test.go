package api

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestSurveyLifecycleOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		f.call("POST", "/api/v1/surveys", key, map[string]any{"template": "nope"}, 400)
		bad := f.call("POST", "/api/v1/surveys", key, map[string]any{"name": "x", "questions": []any{
			map[string]any{"id": "nps", "kind": "stars", "text": map[string]string{"fa": "؟"}}}}, 400)
		if bad["field"] != "questions[0].kind" {
			t.Fatalf("the problem must name the field: %v", bad)
		}
		s := f.call("POST", "/api/v1/surveys", key, map[string]any{"template": "post_purchase_nps"}, 201)
		id := idOf(s)
		f.call("GET", "/api/v1/surveys/"+id, f.b.SecretKey, nil, 404) // another workspace's survey
		f.call("POST", "/api/v1/surveys/"+id+"/invitations", key, map[string]any{"channel": "link",
			"recipients": []any{map[string]any{"identities": []any{map[string]string{"kind": "phone", "value": "09121234567"}}}}}, 409)
		if p := f.call("POST", "/api/v1/surveys/"+id+"/publish", key, nil, 200); p["status"] != "published" || p["public_slug"] == "" {
			t.Fatalf("publish = %v", p)
		}
		inv := f.call("POST", "/api/v1/surveys/"+id+"/invitations", key, map[string]any{"channel": "link",
			"recipients": []any{map[string]any{"identities": []any{map[string]string{"kind": "phone", "value": "۰۹۱۲۱۲۳۴۵۶۷"}}}}}, 201)
		if u := inv["data"].([]any)[0].(map[string]any)["invitation"].(map[string]any)["url"].(string); !strings.Contains(u, "/s/") {
			t.Fatalf("invitation url = %q", u)
		}
		imp := f.call("POST", "/api/v1/responses", key, map[string]any{"survey_id": s["id"], "responses": []any{
			map[string]any{"external_id": "a", "answered_at": "2025-01-02T10:00:00Z", "answers": map[string]any{"nps": 10}},
			map[string]any{"external_id": "b", "answered_at": "2025-01-02T10:00:00Z", "answers": map[string]any{"nps": 3, "why": "<img src=x onerror=alert(1)>"}},
			map[string]any{"external_id": "c", "answered_at": "2025-01-02T10:00:00Z", "answers": map[string]any{"nps": 11}},
		}}, 200)
		if imp["imported"].(float64) != 2 || len(imp["errors"].([]any)) != 1 {
			t.Fatalf("import = %v", imp)
		}
		sc := f.call("GET", "/api/v1/surveys/"+id+"/scores", key, nil, 200)
		if nps := sc["nps"].(map[string]any); nps["score"].(float64) != 0 || nps["count"].(float64) != 2 {
			t.Fatalf("scores = %v", sc)
		}
		list := f.call("GET", "/api/v1/surveys/"+id+"/responses?limit=1", key, nil, 200)
		if len(list["data"].([]any)) != 1 || list["next_cursor"] == "" {
			t.Fatalf("responses = %v", list)
		}
		req, _ := http.NewRequest("GET", f.srv.URL+"/api/v1/surveys/"+id+"/responses?format=csv", nil)
		req.Header.Set("Authorization", "Bearer "+key)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !strings.HasPrefix(string(body), "response_id,") || strings.Count(string(body), "\n") != 4 {
			t.Fatalf("csv export:\n%s", body)
		}
		f.call("DELETE", "/api/v1/surveys/"+id, key, nil, 409) // it has responses
		f.call("POST", "/api/v1/surveys/"+id+"/close", key, nil, 204)
	})
}

func TestSurveySettingsHideSecrets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		set := f.call("GET", "/api/v1/survey-settings", key, nil, 200)
		if set["cooldown_days"].(float64) != 30 || set["hook_key"] == "" {
			t.Fatalf("settings = %v", set)
		}
		got := f.call("PUT", "/api/v1/survey-settings", key, map[string]any{"cooldown_days": 14, "edit_minutes": 60,
			"channels": map[string]any{"sms": map[string]any{"provider": "kavenegar", "key": "secret-api-key"}}}, 200)
		if sms := got["channels"].(map[string]any)["sms"].(map[string]any); sms["key"] != "********" {
			t.Fatalf("the SMS key must not be shown: %v", got)
		}
		f.call("PUT", "/api/v1/survey-settings", key, map[string]any{"cooldown_days": 400}, 400)
	})
}
