package respond_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/notify/notifytest"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// texts is an SMS provider at the network edge that keeps what it sends.
type texts struct {
	mu   sync.Mutex
	sent map[string]string
}

func (x *texts) Send(_ context.Context, to, text string) (string, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.sent[to] = text
	return "id-" + to, nil
}

func (e *env) sendDue(sd *survey.Sender) {
	r := &timer.Runner{DB: e.db}
	r.Handle(survey.JobSend, sd.Run)
	if _, err := r.RunDue(ctx); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) hookPost(path string, body []byte, hdr map[string]string) (int, map[string]any) {
	req, _ := http.NewRequest("POST", e.srv.URL+path, bytes.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]any{}
	json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

func TestEmailAndSMSInvitationsAndReplies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		mail := notifytest.StartMailServer(t)
		set, _ := survey.LoadSettings(ctx, db, e.ws.ID)
		set.Channels.SMTP = survey.SMTP{Addr: mail.Addr, From: "survey@aria.example"}
		survey.SaveSettings(ctx, db, set)
		s := e.survey("post_purchase_nps")
		sms := &texts{sent: map[string]string{}}
		sd := &survey.Sender{DB: db, BaseURL: e.srv.URL, SMS: func(survey.SMS) notify.SMSProvider { return sms }}
		iv := &survey.Inviter{DB: db, Workspace: e.ws, BaseURL: e.srv.URL, Schedule: survey.ScheduleSend}
		_, _, err := iv.Invite(ctx, s, survey.InviteRequest{Channel: "email", Recipients: []survey.Recipient{
			{Identities: []customer.Identity{{Kind: customer.Email, Value: "Sara@Example.com"}}}}})
		if err != nil {
			t.Fatal(err)
		}
		got, _, _ := iv.Invite(ctx, s, survey.InviteRequest{Channel: "sms", Recipients: []survey.Recipient{
			{Identities: []customer.Identity{{Kind: customer.Phone, Value: "0912 555 0000"}}}}})
		e.sendDue(sd)
		msgs := mail.Messages()
		if len(msgs) != 1 || !strings.Contains(string(msgs[0]), "q=3Dnps&v=3D10") {
			t.Fatalf("the mail must carry the first question as links:\n%s", msgs)
		}
		text := sms.sent["+989125550000"]
		if !strings.Contains(text, "۰ تا ۱۰") || !strings.HasSuffix(text, "لغو ۱۱") || !strings.Contains(text, "/s/") {
			t.Fatalf("sms = %q", text)
		}
		list, _ := survey.ListInvitations(ctx, db, e.ws.ID, s.ID, 10)
		for _, inv := range list {
			if inv.Status != survey.InvSent {
				t.Fatalf("invitation %+v was not marked sent", inv)
			}
		}
		hook := fmt.Sprintf("/hooks/sms/kavenegar?workspace=%d&key=%s", e.ws.ID, set.HookKey)
		form := func(from, msg string) []byte {
			return []byte("from=" + from + "&to=10004346&messageid=1&message=" + msg)
		}
		ct := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
		if st, _ := e.hookPost(fmt.Sprintf("/hooks/sms/kavenegar?workspace=%d&key=wrong", e.ws.ID), form("09125550000", "9"), ct); st != 401 {
			t.Fatalf("a wrong key = %d", st)
		}
		for _, c := range []struct{ from, msg, want string }{
			{"09129999999", "9", "ignored"}, // unknown sender
			{"09125550000", "سلام", "ignored"},
			{"09125550000", "12", "rejected"},
			{"%2B989125550000", "%DB%B3", "answered"}, // ۳
			{"09125550000", "%3Cb%3E%D8%AF%DB%8C%D8%B1%3C%2Fb%3E", "commented"},
			{"09125550000", "%D9%84%D8%BA%D9%88+%DB%B1%DB%B1", "unsubscribed"},
		} {
			if st, out := e.hookPost(hook, form(c.from, c.msg), ct); st != 200 || out["status"] != c.want {
				t.Errorf("reply %q from %s = %d %v, want %s", c.msg, c.from, st, out, c.want)
			}
		}
		inv := got[0].Invitation
		r, err := survey.ResponseByKey(ctx, db, e.ws.ID, inv.SourceKey())
		if err != nil || *r.Score != 3 || r.AnswerMap()["why"].Text != "<b>دیر</b>" || r.Channel != "sms" {
			t.Fatalf("response = %+v, %v", r, err)
		}
		c, _ := customer.Get(ctx, db, e.ws.ID, inv.CustomerID)
		if len(c.Consent) == 0 || c.Consent[0].Channel != "sms" || c.Consent[0].Granted {
			t.Fatalf("replying 11 must withdraw SMS consent: %+v", c.Consent)
		}
	})
}

func TestKeypadAnswers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		s := e.survey("support_ces")
		set, _ := survey.LoadSettings(ctx, db, e.ws.ID)
		known := customerWithPhone(t, db, e, "09121110000")
		call := func(caller, q, digits, id string, sign func(ts, body string) string, age time.Duration) (int, map[string]any) {
			body, _ := json.Marshal(map[string]any{"workspace_id": e.ws.ID, "survey_id": s.ID, "question": q,
				"caller": caller, "digits": digits, "call_id": id})
			ts := fmt.Sprint(time.Now().Add(-age).Unix())
			return e.hookPost("/hooks/ivr", body, map[string]string{"X-Tajrobe-Timestamp": ts,
				"X-Tajrobe-Signature": sign(ts, string(body))})
		}
		good := func(ts, body string) string {
			m := hmac.New(sha256.New, []byte(set.HookKey))
			io.WriteString(m, ts+"."+body)
			return hex.EncodeToString(m.Sum(nil))
		}
		forged := func(string, string) string { return strings.Repeat("ab", 32) }
		if st, _ := call("+989121110000", "ces", "6", "c1", forged, 0); st != 401 {
			t.Fatalf("a forged signature = %d", st)
		}
		if st, _ := call("+989121110000", "ces", "6", "c1", good, 10*time.Minute); st != 401 {
			t.Fatalf("an old (replayed) request = %d", st)
		}
		st, out := call("00989121110000", "ces", "۲", "c1", good, 0)
		if st != 200 || out["customer_id"].(float64) != float64(known) || out["next_question"] != "resolved" {
			t.Fatalf("keypad = %d %v", st, out)
		}
		if st, _ := call("09121110000", "ces", "9", "c1", good, 0); st != 400 {
			t.Fatalf("an out-of-range digit = %d", st)
		}
		if st, _ := call("not a phone", "ces", "5", "c2", good, 0); st != 400 {
			t.Fatalf("a garbage caller = %d", st)
		}
		if st, out := call("09351234567", "ces", "7", "c3", good, 0); st != 200 || out["customer_id"] == nil {
			t.Fatalf("an unknown caller keeps the answer on a new customer: %d %v", st, out)
		}
		if st, out := call("anonymous", "ces", "7", "c4", good, 0); st != 200 || out["customer_id"] != nil {
			t.Fatalf("a withheld number answers anonymously: %d %v", st, out)
		}
		call("09121110000", "ces", "۲", "c1", good, 0) // the switch retries: nothing doubles
		if rs := e.responses(s); len(rs) != 3 {
			t.Fatalf("%d responses, want 3 (c1, c3, c4)", len(rs))
		}
	})
}

func customerWithPhone(t *testing.T, db *store.DB, e *env, phone string) int64 {
	ids, _ := customer.NormalizeAll([]customer.Identity{{Kind: customer.Phone, Value: phone}}, "IR")
	var id int64
	db.InTx(ctx, func(tx *store.Tx) error {
		res, err := customer.Resolve(ctx, tx, e.ws.ID, ids, nil)
		id = res.CustomerID
		return err
	})
	return id
}
