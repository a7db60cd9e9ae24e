package respond_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// detractorRule opens a "detractor" case for an NPS of 6 or less.
func (e *env) detractorRule() {
	six := 6.0
	err := e.db.InTx(ctx, func(tx *store.Tx) error {
		return loop.SaveRule(ctx, tx, e.ws.ID, "t", &rules.Rule{Name: "detractors", Enabled: true,
			Trigger: rules.Trigger{Kind: rules.OnResponse},
			When:    []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: &six}},
			Then:    []rules.Action{{Kind: rules.OpenCase, Reason: "detractor"}}})
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// casesOf returns the customer's cases as source and channel, and the
// number of notes on them.
func (e *env) casesOf(customerID int64) ([]string, int) {
	e.t.Helper()
	rows, err := e.db.Query(ctx, `SELECT source_kind, source_id, channel FROM cases WHERE customer_id = ? ORDER BY id`, customerID)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var kind, channel string
		var src int64
		rows.Scan(&kind, &src, &channel)
		out = append(out, fmt.Sprintf("%s:%d:%s", kind, src, channel))
	}
	var notes int
	e.db.QueryRow(ctx, `SELECT COUNT(*) FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.customer_id = ?`, customerID).Scan(&notes)
	return out, notes
}

// TestDetractorsOpenCasesOnEveryChannel answers NPS with a detractor's
// score through the real web page, SMS reply hook and IVR hook: each opens
// exactly one case in the transaction that stores the answer, naming the
// response and channel; a second page of the same response notes nothing,
// and a promoter opens none.
func TestDetractorsOpenCasesOnEveryChannel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		e.detractorRule()
		s := e.survey("post_purchase_nps")
		set, _ := survey.LoadSettings(ctx, db, e.ws.ID)

		u := e.link(s, "09121000001")
		e.post(u, url.Values{"nps": {"۳"}}, 303)
		e.post(u, url.Values{"why": {"پیک دیر رسید 😡"}}, 303)
		sara := customerWithPhone(t, db, e, "09121000001")
		web := e.responseOf(s, sara)
		if got, notes := e.casesOf(sara); len(got) != 1 || got[0] != fmt.Sprintf("response:%d:web", web.ID) || notes != 0 {
			t.Fatalf("web detractor: cases %v, %d notes; want one case from response %d", got, notes, web.ID)
		}

		promoter := e.link(s, "09121000002")
		e.post(promoter, url.Values{"nps": {"10"}}, 303)
		if got, _ := e.casesOf(customerWithPhone(t, db, e, "09121000002")); len(got) != 0 {
			t.Fatalf("a promoter opened %v", got)
		}

		sms := &texts{sent: map[string]string{}}
		iv := &survey.Inviter{DB: db, Workspace: e.ws, BaseURL: e.srv.URL, Schedule: survey.ScheduleSend}
		if _, _, err := iv.Invite(ctx, s, survey.InviteRequest{Channel: "sms", Recipients: []survey.Recipient{
			{Identities: []customer.Identity{{Kind: customer.Phone, Value: "0912 100 0003"}}}}}); err != nil {
			t.Fatal(err)
		}
		e.sendDue(&survey.Sender{DB: db, BaseURL: e.srv.URL, SMS: func(survey.SMS) notify.SMSProvider { return sms }})
		hook := fmt.Sprintf("/hooks/sms/kavenegar?workspace=%d&key=%s", e.ws.ID, set.HookKey)
		st, out := e.hookPost(hook, []byte("from=09121000003&to=1000&messageid=1&message=%DB%B2"),
			map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
		if st != 200 || out["status"] != "answered" {
			t.Fatalf("sms reply = %d %v", st, out)
		}
		if got, _ := e.casesOf(customerWithPhone(t, db, e, "09121000003")); len(got) != 1 ||
			got[0] != fmt.Sprintf("response:%v:sms", out["response_id"]) {
			t.Fatalf("sms detractor: cases %v, response %v", got, out["response_id"])
		}

		body, _ := json.Marshal(map[string]any{"workspace_id": e.ws.ID, "survey_id": s.ID, "question": "nps",
			"caller": "09121000004", "digits": "1", "call_id": "call-1"})
		ts := fmt.Sprint(time.Now().Unix())
		m := hmac.New(sha256.New, []byte(set.HookKey))
		io.WriteString(m, ts+"."+string(body))
		st, out = e.hookPost("/hooks/ivr", body, map[string]string{"X-Tajrobe-Timestamp": ts,
			"X-Tajrobe-Signature": hex.EncodeToString(m.Sum(nil))})
		if st != 200 {
			t.Fatalf("ivr = %d %v", st, out)
		}
		if got, _ := e.casesOf(int64(out["customer_id"].(float64))); len(got) != 1 ||
			got[0] != fmt.Sprintf("response:%v:ivr", out["response_id"]) {
			t.Fatalf("ivr detractor: cases %v, response %v", got, out["response_id"])
		}
	})
}

// responseOf returns the customer's response to s.
func (e *env) responseOf(s *survey.Survey, customerID int64) survey.Response {
	e.t.Helper()
	for _, r := range e.responses(s) {
		if r.CustomerID != nil && *r.CustomerID == customerID {
			return r
		}
	}
	e.t.Fatalf("customer %d has no response", customerID)
	return survey.Response{}
}
