package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/timer"
)

func TestUnsubscribePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		key := f.a.SecretKey
		p := f.call("POST", "/api/v1/programs", key, map[string]any{"name": "news", "status": "active", "trigger": map[string]any{"kind": "api"},
			"steps": []any{map[string]any{"kind": "action", "action": map[string]any{"kind": "send_email",
				"template": map[string]any{"fa": map[string]any{"subject": "خبر", "body": "سلام"}}}}}}, 201)
		cust := f.call("POST", "/api/v1/customers", key, map[string]any{"identities": []map[string]string{{"kind": "email", "value": "sara@mail.example"}}}, 201)
		f.call("POST", "/api/v1/programs/"+idOf(p)+"/enter", key, map[string]any{"customer_id": cust["id"]}, 200)
		r := &timer.Runner{DB: db, Node: "t"}
		(&program.Runner{DB: db, BaseURL: "https://aria.example"}).Register(r)
		for n, _ := r.RunDue(context.Background()); n > 0; n, _ = r.RunDue(context.Background()) {
		}
		var raw []byte
		if err := db.QueryRow(context.Background(), `SELECT body FROM program_messages`).Scan(&raw); err != nil {
			t.Fatal(err)
		}
		var m struct{ Unsubscribe string }
		json.Unmarshal(raw, &m)
		token := m.Unsubscribe[strings.LastIndex(m.Unsubscribe, "/")+1:]
		page := func(method, tok string, want int, says string) {
			t.Helper()
			req, _ := http.NewRequest(method, f.srv.URL+"/u/"+tok, strings.NewReader("List-Unsubscribe=One-Click"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != want || !strings.Contains(string(body), says) {
				t.Fatalf("%s /u/%s = %d %s", method, tok, res.StatusCode, body)
			}
		}
		page("GET", token, 200, `<form method="post">`)
		page("GET", token+"x", 404, "Invalid link")
		page("POST", token, 200, "اشتراک لغو شد")
		c, err := customer.Get(context.Background(), db, f.a.WorkspaceID, int64(cust["id"].(float64)))
		if err != nil || len(c.Consent) != 1 || c.Consent[0].Granted {
			t.Fatalf("consent after unsubscribing: %+v, %v", c.Consent, err)
		}
	})
}
