package cli

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/config"
	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/notify/notifytest"
	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// TestServerClosesTheLoop runs the real server: a detractor's answer
// opens a case for the team's agent, the server's timer runner e-mails the
// agent through the mail server the workspace's survey settings name, the
// workspace's daily digest is scheduled (once, however often asked), and
// the console's Customer 360 shows the response and the case, once each.
func TestServerClosesTheLoop(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		mail := notifytest.StartMailServer(t)
		ws, cust := loopWorkspace(t, db, mail.Addr)
		env := &Env{Config: config.Default()}
		env.Config.Addr, env.Config.Shutdown = "127.0.0.1:0", time.Second
		ready, done := make(chan string, 1), make(chan error, 1)
		go func() { done <- serve(ctx, env, db, slog.New(slog.DiscardHandler), func(u string) { ready <- u }) }()
		base := <-ready
		deadline := time.Now().Add(15 * time.Second)
		for len(mail.Messages()) == 0 && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		if got := mail.Messages(); len(got) != 1 || !strings.Contains(string(got[0]), "agent@aria.test") {
			t.Fatalf("the agent's alert: %d messages\n%s", len(got), got)
		}
		if err := loop.ScheduleDigests(ctx, db); err != nil {
			t.Fatal(err)
		}
		var digests int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM timer_jobs WHERE kind = ? AND key LIKE ?`, loop.JobDigest,
			"digest:"+strconv.FormatInt(ws, 10)+":%").Scan(&digests)
		if digests != 1 {
			t.Fatalf("%d digest jobs for the workspace, want 1", digests)
		}
		page := console(t, base, "/customers/"+strconv.FormatInt(cust, 10))
		for _, want := range []string{`class="kind-response"`, `class="kind-case"`} {
			if n := strings.Count(page, want); n != 1 {
				t.Fatalf("Customer 360 shows %s %d times, want once:\n%s", want, n, page)
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
}

// loopWorkspace makes a workspace whose survey e-mail goes to mailAddr,
// with a team of one agent and a rule giving NPS detractors to the team,
// and a customer who answered NPS 2.
func loopWorkspace(t *testing.T, db *store.DB, mailAddr string) (wsID, custID int64) {
	ctx := context.Background()
	res, err := onboard.Workspace(ctx, db, onboard.Request{Workspace: workspace.Workspace{Name: "کفش آریا", Slug: "aria",
		Language: "fa", Timezone: "Asia/Tehran", Region: "IR"}, AdminEmail: "agent@aria.test", AdminPassword: "long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	set, err := survey.LoadSettings(ctx, db, res.WorkspaceID)
	if err != nil {
		t.Fatal(err)
	}
	set.Channels.SMTP = survey.SMTP{Addr: mailAddr, From: "cx@aria.test"}
	if err := survey.SaveSettings(ctx, db, set); err != nil {
		t.Fatal(err)
	}
	s, _ := survey.Template("post_purchase_nps")
	if err := survey.Create(ctx, db, res.WorkspaceID, "t", &s); err != nil {
		t.Fatal(err)
	}
	p, err := survey.Publish(ctx, db, res.WorkspaceID, "t", s.ID)
	if err != nil {
		t.Fatal(err)
	}
	six, two := 6.0, 2
	err = db.InTx(ctx, func(tx *store.Tx) error {
		var agent int64
		if err := tx.QueryRow(ctx, `SELECT id FROM users WHERE email = 'agent@aria.test'`).Scan(&agent); err != nil {
			return err
		}
		if err := loop.SaveTeam(ctx, tx, res.WorkspaceID, "t", &loop.Team{Name: "پشتیبانی", LeadID: &agent, Members: []int64{agent}}); err != nil {
			return err
		}
		if err := loop.SaveRule(ctx, tx, res.WorkspaceID, "t", &rules.Rule{Name: "detractors", Enabled: true,
			Trigger: rules.Trigger{Kind: rules.OnResponse},
			When:    []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: &six}},
			Then:    []rules.Action{{Kind: rules.OpenCase, Reason: "detractor", Team: "پشتیبانی"}}}); err != nil {
			return err
		}
		ids, _ := customer.NormalizeAll([]customer.Identity{{Kind: customer.Phone, Value: "09121234567"}}, "IR")
		c, err := customer.Resolve(ctx, tx, res.WorkspaceID, ids, nil)
		if err != nil {
			return err
		}
		custID = c.CustomerID
		_, err = survey.Submit(ctx, tx, &survey.Submission{Survey: p, SourceKey: "inv:1", CustomerID: custID, Touchpoint: "checkout",
			Channel: "sms", Language: "fa", Answers: []*survey.Answer{{Question: "nps", Kind: survey.NPS, Score: &two}}, Complete: true})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.WorkspaceID, custID
}

// console signs in to the console at base and returns the page at path.
func console(t *testing.T, base, path string) string {
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	res, err := hc.PostForm(base+"/login", url.Values{"email": {"agent@aria.test"}, "password": {"long enough password"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	res, err = hc.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET %s = %d\n%s", path, res.StatusCode, b)
	}
	return string(b)
}
