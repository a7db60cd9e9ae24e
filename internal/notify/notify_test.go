package notify_test

import (
	"context"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/notify/notifytest"
)

func TestSMTPSendsPersianMail(t *testing.T) {
	m := notifytest.StartMailServer(t)
	s := &notify.SMTP{Addr: m.Addr, From: "Aria <survey@aria.example>"}
	err := s.Send(context.Background(), notify.Mail{To: "sara@example.com", Subject: "نظر شما دربارهٔ کفش آریا",
		Text: "سلام\nلینک: https://x/s/abc", HTML: `<p dir="rtl">سلام</p>`})
	if err != nil {
		t.Fatal(err)
	}
	got := m.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages received", len(got))
	}
	msg, err := mail.ReadMessage(strings.NewReader(string(got[0])))
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subj != "نظر شما دربارهٔ کفش آریا" || !strings.Contains(msg.Header.Get("Content-Type"), "multipart/alternative") {
		t.Fatalf("headers = %v (subject %q)", msg.Header, subj)
	}
	if err := (&notify.SMTP{Addr: m.Addr, From: "x"}).Send(context.Background(), notify.Mail{To: "a@b.c"}); err == nil {
		t.Fatal("a bad sender address must fail")
	}
}

func TestKavenegarShape(t *testing.T) {
	var path, receptor, message string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		path, receptor, message = r.URL.Path, r.Form.Get("receptor"), r.Form.Get("message")
		if r.Form.Get("receptor") == "+989000000000" {
			io.WriteString(w, `{"return":{"status":411,"message":"receptor invalid"},"entries":null}`)
			return
		}
		io.WriteString(w, `{"return":{"status":200,"message":"تایید شد"},"entries":[{"messageid":8792343,"status":1}]}`)
	}))
	defer srv.Close()
	k := &notify.Kavenegar{Key: "API-KEY", Sender: "10004346", BaseURL: srv.URL}
	id, err := k.Send(context.Background(), "+989121234567", notify.WithOptOut("سلام"))
	if err != nil || id != "8792343" || path != "/v1/API-KEY/sms/send.json" || receptor != "+989121234567" {
		t.Fatalf("send = %q, %v (path %s)", id, err, path)
	}
	if !strings.HasSuffix(message, "\nلغو ۱۱") {
		t.Fatalf("promotional texts must end with the opt-out line: %q", message)
	}
	var rej *notify.Rejected
	if _, err := k.Send(context.Background(), "+989000000000", "x"); err == nil || !asRejected(err, &rej) || rej.Status != 411 {
		t.Fatalf("refused = %v", err)
	}
}

func asRejected(err error, r **notify.Rejected) bool {
	x, ok := err.(*notify.Rejected)
	*r = x
	return ok
}

func TestGenericHTTPProvider(t *testing.T) {
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		if strings.Contains(r.URL.Path, "down") {
			w.WriteHeader(503)
			return
		}
		io.WriteString(w, `{"id":"m-1"}`)
	}))
	defer srv.Close()
	p := &notify.HTTPProvider{URL: srv.URL, Key: "k"}
	if id, err := p.Send(context.Background(), "+989121234567", "hi"); err != nil || id != "m-1" || auth != "Bearer k" {
		t.Fatalf("send = %q, %v, auth %q", id, err, auth)
	}
	p.URL = srv.URL + "/down"
	if _, err := p.Send(context.Background(), "+989121234567", "hi"); err == nil {
		t.Fatal("a 503 must be an error (to retry)")
	} else if _, rej := err.(*notify.Rejected); rej {
		t.Fatal("a 503 is not a refusal; it must be retried")
	}
}

func TestOptOutReplies(t *testing.T) {
	for reply, want := range map[string]bool{"11": true, "۱۱": true, " لغو ۱۱ ": true, "لغو 11": true, "١١": true,
		"1": false, "111": false, "لغو": false, "10": false, "hello": false} {
		if got := notify.IsOptOut(reply); got != want {
			t.Errorf("IsOptOut(%q) = %v, want %v", reply, got, want)
		}
	}
}
