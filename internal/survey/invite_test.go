package survey_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timer"
)

func TestInvitationsFollowTheContactRuleAndConsent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws := newWorkspace(t, db)
		s := published(t, db, ws.ID, "delivery_csat")
		a := newCustomer(t, db, ws.ID, "09120000001")
		b := newCustomer(t, db, ws.ID, "09120000002")
		db.InTx(ctx, func(tx *store.Tx) error {
			return customer.RecordConsent(ctx, tx, ws.ID, b, customer.Consent{Channel: "sms", Granted: false, Source: "sms-reply"})
		})
		iv := &survey.Inviter{DB: db, Workspace: ws, BaseURL: "https://t.example", Schedule: survey.ScheduleSend}
		got, bad, err := iv.Invite(ctx, s, survey.InviteRequest{Channel: "sms", Recipients: []survey.Recipient{
			{CustomerID: a}, {CustomerID: b}, {CustomerID: 999999}}})
		if err != nil || len(got) != 2 || len(bad) != 1 || !errs.Is(bad[0].Err, errs.NotExist) {
			t.Fatalf("invite = %+v, %+v, %v", got, bad, err)
		}
		if got[0].Invitation.Status != survey.InvPending || got[1].Skipped == "" {
			t.Fatalf("a must be pending, b suppressed: %+v %+v", got[0].Invitation, got[1])
		}
		if st, _ := timer.Stats(ctx, db, survey.JobSend); st["ready"] != 1 {
			t.Fatalf("send jobs = %v, want 1 ready", st)
		}
		again, _, _ := iv.Invite(ctx, s, survey.InviteRequest{Channel: "link", Recipients: []survey.Recipient{{CustomerID: a}}})
		if !strings.HasPrefix(again[0].Skipped, "contact rule") {
			t.Fatalf("a second survey within 30 days must be suppressed: %+v", again[0])
		}
		db.SetClock(func() time.Time { return time.Now().AddDate(0, 0, 31) })
		later, _, _ := iv.Invite(ctx, s, survey.InviteRequest{Channel: "link", Recipients: []survey.Recipient{{CustomerID: a}}})
		if later[0].Skipped != "" || !strings.HasPrefix(later[0].Invitation.URL, "https://t.example/s/") {
			t.Fatalf("after the cooldown = %+v", later[0])
		}
	})
}

func TestTokensRefuseForgeries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ws := newWorkspace(t, db)
		s := published(t, db, ws.ID, "support_ces")
		c := newCustomer(t, db, ws.ID, "09120000003")
		iv := &survey.Inviter{DB: db, Workspace: ws}
		got, _, err := iv.Invite(ctx, s, survey.InviteRequest{Channel: "link", Recipients: []survey.Recipient{{CustomerID: c}}})
		if err != nil {
			t.Fatal(err)
		}
		tok := got[0].Invitation.Token
		if o, err := survey.Open(ctx, db, tok); err != nil || o.Invitation.CustomerID != c {
			t.Fatalf("open = %v, %v", o, err)
		}
		id, sig, _ := survey.ParseToken(tok)
		forged := []string{"", "abc", tok[:len(tok)-1] + "A", strings.Replace(tok, sig, "AAAAAAAAAAAA", 1),
			"zz." + sig, strings.Split(tok, ".")[0] + "x." + sig}
		for _, f := range forged {
			if f == tok {
				continue
			}
			if _, err := survey.Open(ctx, db, f); !errs.Is(err, errs.NotExist) {
				t.Errorf("open(%q) = %v, want NotExist", f, err)
			}
		}
		_ = id
		db.SetClock(func() time.Time { return time.Now().AddDate(0, 0, 31) })
		if _, err := survey.Open(ctx, db, tok); !errs.Is(err, errs.Conflict) {
			t.Fatalf("an expired link = %v, want Conflict", err)
		}
	})
}
