package program_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/notify/notifytest"
	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

var ctx = context.Background()

var tehranLoc = mustLoc("Asia/Tehran")

// saturday is Saturday 1405/01/15 (4 April 2026), 10:00 in Tehran.
var saturday = time.Date(2026, 4, 4, 10, 0, 0, 0, tehranLoc)

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

type clock struct{ ms atomic.Int64 }

func (c *clock) now() time.Time          { return time.UnixMilli(c.ms.Load()).UTC() }
func (c *clock) advance(d time.Duration) { c.ms.Add(d.Milliseconds()) }

// world is a Persian shop with a real SMTP server, an SMS gateway and a
// webhook receiver over HTTP, a timer runner and a program runner.
type world struct {
	t      testing.TB
	db     *store.DB
	clock  *clock
	ws     *workspace.Workspace
	mail   *notifytest.MailServer
	sms    *inbox
	hooks  *inbox
	timers *timer.Runner
	run    *program.Runner
}

// inbox is an HTTP server that keeps what it is sent.
type inbox struct {
	srv  *httptest.Server
	mu   sync.Mutex
	got  []map[string]any
	raw  [][]byte
	sigs []string
	fail atomic.Bool
}

func newInbox(t testing.TB) *inbox {
	in := &inbox{}
	in.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if in.fail.Load() {
			w.WriteHeader(503)
			return
		}
		var m map[string]any
		body, _ := io.ReadAll(r.Body)
		json.Unmarshal(body, &m)
		in.mu.Lock()
		in.got = append(in.got, m)
		in.raw = append(in.raw, body)
		in.sigs = append(in.sigs, r.Header.Get("X-Tajrobe-Signature"))
		n := len(in.got)
		in.mu.Unlock()
		fmt.Fprintf(w, `{"id":"m-%d"}`, n)
	}))
	t.Cleanup(in.srv.Close)
	return in
}

func (in *inbox) all() []map[string]any {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]map[string]any(nil), in.got...)
}

func newWorld(t testing.TB, db *store.DB) *world {
	t.Helper()
	w := &world{t: t, db: db, clock: &clock{}, mail: notifytest.StartMailServer(t), sms: newInbox(t), hooks: newInbox(t)}
	w.clock.ms.Store(saturday.UnixMilli())
	db.SetClock(w.clock.now)
	res, err := onboard.Workspace(ctx, db, onboard.Request{Workspace: workspace.Workspace{Name: "کفش آریا", Slug: "aria", Language: "fa"},
		AdminEmail: "owner@aria.example", AdminPassword: "correct horse battery"})
	must(t, err)
	w.ws, err = workspace.Get(ctx, db, res.WorkspaceID)
	must(t, err)
	w.timers = &timer.Runner{DB: db, Batch: 100, Node: "test"}
	w.run = w.runner()
	w.run.Register(w.timers)
	w.event(0, "Order Completed", nil) // so the name is known
	return w
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// customer makes a customer with an e-mail address, a phone and traits.
func (w *world) customer(n int, traits map[string]any) int64 {
	w.t.Helper()
	tr := customer.Traits{}
	for k, v := range traits {
		tr[k], _ = json.Marshal(v)
	}
	var id int64
	must(w.t, w.db.InTx(ctx, func(tx *store.Tx) error {
		ids, err := customer.NormalizeAll([]customer.Identity{{Kind: customer.Email, Value: fmt.Sprintf("c%d@mail.example", n)},
			{Kind: customer.Phone, Value: fmt.Sprintf("0912%07d", n)}}, "IR")
		if err != nil {
			return err
		}
		res, err := customer.Resolve(ctx, tx, w.ws.ID, ids, tr)
		id = res.CustomerID
		return err
	}))
	return id
}

// event records an event and runs the program hook in its transaction,
// as ingestion does. Customer 0 makes a customer of its own.
func (w *world) event(cust int64, name string, props map[string]any) {
	w.t.Helper()
	if cust == 0 {
		cust = w.customer(9999, nil)
	}
	raw, _ := json.Marshal(props)
	must(w.t, w.db.InTx(ctx, func(tx *store.Tx) error {
		e := &journey.Event{WorkspaceID: w.ws.ID, CustomerID: cust, MessageID: fmt.Sprint("m-", time.Now().UnixNano()), Type: "track",
			Name: name, Touchpoint: "checkout", Properties: raw, OccurredAt: tx.Now}
		if _, err := journey.InsertEvent(ctx, tx, e); err != nil {
			return err
		}
		pr := map[string]json.RawMessage{}
		json.Unmarshal(raw, &pr)
		return program.OnEvent(ctx, tx, program.Event{WorkspaceID: w.ws.ID, CustomerID: cust, EventID: e.ID, Name: name,
			Touchpoint: "checkout", Properties: pr})
	}))
}

func (w *world) save(p *program.Program) *program.Program {
	w.t.Helper()
	must(w.t, w.db.InTx(ctx, func(tx *store.Tx) error { return program.Save(ctx, tx, w.ws, "test", p) }))
	return p
}

func (w *world) status(id int64, to string) {
	w.t.Helper()
	must(w.t, w.db.InTx(ctx, func(tx *store.Tx) error {
		_, err := program.SetStatus(ctx, tx, w.ws, "test", id, to)
		return err
	}))
}

// drain runs every job due now, again and again until none is.
func (w *world) drain() int {
	w.t.Helper()
	total := 0
	for {
		n, err := w.timers.RunDue(ctx)
		must(w.t, err)
		total += n
		if n == 0 {
			return total
		}
	}
}

// after moves the clock on and runs what came due.
func (w *world) after(d time.Duration) int {
	w.clock.advance(d)
	return w.drain()
}

func (w *world) count(query string, args ...any) int {
	w.t.Helper()
	var n int
	must(w.t, w.db.QueryRow(ctx, query, args...).Scan(&n))
	return n
}

// runner is a program runner that sends through the world's SMTP server
// and SMS gateway, and surveys through the survey package's inviter.
func (w *world) runner() *program.Runner {
	return &program.Runner{DB: w.db, BaseURL: "https://aria.example",
		Senders: func(context.Context, int64) (program.Mailer, notify.SMSProvider, error) {
			return &notify.SMTP{Addr: w.mail.Addr, From: "Aria <shop@aria.example>"}, &notify.HTTPProvider{URL: w.sms.srv.URL, Key: "k"}, nil
		},
		Invite: func(ctx context.Context, wsID, surveyID, customerID int64, channel, key string) (string, error) {
			s, err := survey.Get(ctx, w.db, wsID, surveyID)
			if err != nil {
				return "", err
			}
			iv := &survey.Inviter{DB: w.db, Workspace: w.ws, BaseURL: "https://aria.example", Schedule: survey.ScheduleSend}
			out, _, err := iv.Invite(ctx, s, survey.InviteRequest{Channel: channel, Recipients: []survey.Recipient{{CustomerID: customerID}}, DedupeKey: key})
			if err != nil || len(out) == 0 {
				return "", err
			}
			return out[0].Skipped, nil
		}}
}
