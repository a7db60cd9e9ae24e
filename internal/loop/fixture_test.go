package loop_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

var ctx = context.Background()

// tehran is Saturday 1405/01/15 (4 April 2026) at 10:00 in Tehran: a
// working morning of the Iranian week.
var tehran = time.Date(2026, 4, 4, 10, 0, 0, 0, mustLoc("Asia/Tehran"))

func mustLoc(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// clock is a test clock shared by every handle on one database.
type clock struct{ ms atomic.Int64 }

func newClock(t time.Time) *clock        { c := &clock{}; c.ms.Store(t.UnixMilli()); return c }
func (c *clock) now() time.Time          { return time.UnixMilli(c.ms.Load()).UTC() }
func (c *clock) advance(d time.Duration) { c.ms.Add(d.Milliseconds()) }
func (c *clock) attach(dbs ...*store.DB) {
	for _, db := range dbs {
		db.SetClock(c.now)
	}
}

// world is a Persian workspace with a support team of two agents and a
// lead, an outsider from another workspace, and a customer.
type world struct {
	t                        testing.TB
	db                       *store.DB
	clock                    *clock
	ws                       *workspace.Workspace
	lead, ag1, ag2, stranger int64
	team                     int64
}

func newWorld(t testing.TB, db *store.DB) *world {
	t.Helper()
	w := &world{t: t, db: db, clock: newClock(tehran)}
	w.clock.attach(db)
	res, err := onboard.Workspace(ctx, db, onboard.Request{Workspace: workspace.Workspace{Name: "کفش آریا", Slug: "aria", Language: "fa"},
		AdminEmail: "owner@aria.example", AdminPassword: "correct horse battery"})
	must(t, err)
	other, err := onboard.Workspace(ctx, db, onboard.Request{Workspace: workspace.Workspace{Name: "Napoli", Slug: "napoli", Language: "en"},
		AdminEmail: "owner@napoli.example", AdminPassword: "correct horse battery"})
	must(t, err)
	w.ws, err = workspace.Get(ctx, db, res.WorkspaceID)
	must(t, err)
	must(t, db.InTx(ctx, func(tx *store.Tx) error {
		w.lead = user(t, tx, "lead@aria.example", res.WorkspaceID)
		w.ag1 = user(t, tx, "ag1@aria.example", res.WorkspaceID)
		w.ag2 = user(t, tx, "ag2@aria.example", res.WorkspaceID)
		w.stranger = user(t, tx, "stranger@napoli.example", other.WorkspaceID)
		team := &loop.Team{Name: "پشتیبانی", LeadID: &w.lead, Members: []int64{w.ag1, w.ag2}}
		if err := loop.SaveTeam(ctx, tx, w.ws.ID, "test", team); err != nil {
			return err
		}
		w.team = team.ID
		return nil
	}))
	return w
}

func user(t testing.TB, tx *store.Tx, email string, ws int64) int64 {
	u := &auth.User{Email: email}
	must(t, auth.CreateUser(ctx, tx, u, "correct horse battery", ws, auth.Agent))
	return u.ID
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// customer makes a customer with an e-mail address and traits.
func (w *world) customer(n int, traits map[string]any) int64 {
	w.t.Helper()
	tr := customer.Traits{}
	for k, v := range traits {
		tr[k], _ = json.Marshal(v)
	}
	var id int64
	must(w.t, w.db.InTx(ctx, func(tx *store.Tx) error {
		ids, err := customer.NormalizeAll([]customer.Identity{{Kind: customer.Email, Value: fmt.Sprintf("c%d@mail.example", n)}}, "IR")
		if err != nil {
			return err
		}
		res, err := customer.Resolve(ctx, tx, w.ws.ID, ids, tr)
		id = res.CustomerID
		return err
	}))
	return id
}

func (w *world) rule(r rules.Rule) rules.Rule {
	w.t.Helper()
	must(w.t, w.db.InTx(ctx, func(tx *store.Tx) error { return loop.SaveRule(ctx, tx, w.ws.ID, "test", &r) }))
	return r
}

func num(v float64) *float64 { return &v }

// detractorRule opens a "detractor" case for the support team on NPS ≤ 6.
func (w *world) detractorRule() rules.Rule {
	return w.rule(rules.Rule{Name: "مخالفان NPS", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnResponse},
		When: []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: num(6)}},
		Then: []rules.Action{{Kind: rules.OpenCase, Reason: "detractor", Team: "پشتیبانی", Title: "پیگیری مخالف"}}})
}

// answer submits an NPS answer with a comment through the response hook.
func (w *world) answer(cust int64, score int, channel, comment string) []*loop.Case {
	w.t.Helper()
	var out []*loop.Case
	must(w.t, w.db.InTx(ctx, func(tx *store.Tx) error {
		var err error
		out, err = loop.OnResponse(ctx, tx, loop.Response{WorkspaceID: w.ws.ID, CustomerID: cust, ResponseID: cust*100 + int64(score),
			Touchpoint: "delivery", Channel: channel, Answers: []rules.AnswerFact{
				{Question: "nps", Kind: "nps", Score: &score}, {Question: "why", Kind: "text", Text: comment}}})
		return err
	}))
	return out
}

func (w *world) count(query string, args ...any) int {
	w.t.Helper()
	var n int
	must(w.t, w.db.QueryRow(ctx, query, args...).Scan(&n))
	return n
}
