// Package demo fills a fresh database with a realistic, reproducible data
// set: a shoe retailer and a pizza shop over the last twelve months.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Admin sign-in shared by the demo workspaces.
const (
	AdminEmail    = "demo@tajrobe.local"
	AdminPassword = "tajrobe-demo"
)

// Options control the data set; the same seed and Now give the same data.
type Options struct {
	Seed  uint64
	Now   time.Time
	Scale float64 // multiplies the number of customers; 1 is the default
}

// Workspace is one demo workspace with its keys.
type Workspace struct {
	onboard.Result
	Name      string `json:"name"`
	Customers int    `json:"customers"`
	Events    int    `json:"events"`
}

// Load creates the demo workspaces and their data in db. The loop's rules
// go in before the survey answers, so every detractor's answer opens its
// case through the real loop path (a repeat is noted on the open case,
// never doubled).
func Load(ctx context.Context, db *store.DB, opt Options) ([]Workspace, error) {
	if opt.Scale <= 0 {
		opt.Scale = 1
	}
	var out []Workspace
	for i, b := range []business{shoeShop, pizzaShop} {
		r := rand.New(rand.NewPCG(opt.Seed, uint64(i)))
		w, err := loadBusiness(ctx, db, r, b, opt)
		if err != nil {
			return nil, fmt.Errorf("demo %s: %w", b.slug, err)
		}
		out = append(out, *w)
	}
	if err := readComments(ctx, db, out); err != nil {
		return out, err
	}
	return out, rebuild(ctx, db, out)
}

// rebuild recomputes every demo workspace's rollups from its raw rows once
// all of it is loaded, so every view is exact however the data went in.
func rebuild(ctx context.Context, db *store.DB, spaces []Workspace) error {
	for _, w := range spaces {
		if err := analytics.Rebuild(ctx, db, w.WorkspaceID); err != nil {
			return fmt.Errorf("demo %s: %w", w.Name, err)
		}
	}
	return nil
}

func loadBusiness(ctx context.Context, db *store.DB, r *rand.Rand, b business, opt Options) (*Workspace, error) {
	res, err := onboard.Workspace(ctx, db, onboard.Request{
		Workspace:  workspace.Workspace{Name: b.name, Slug: b.slug, Language: b.language, Timezone: "Asia/Tehran", Region: "IR"},
		AdminEmail: AdminEmail, AdminName: "Demo", AdminPassword: AdminPassword, JoinExisting: true,
	})
	if err != nil {
		return nil, err
	}
	w := &Workspace{Result: *res, Name: b.name, Customers: int(float64(b.customers) * opt.Scale)}
	w.AdminPassword = AdminPassword
	err = db.InTx(ctx, func(tx *store.Tx) error {
		events, err := journey.NewEventWriter(ctx, tx)
		if err != nil {
			return err
		}
		g := &generator{tx: tx, r: r, b: b, ws: res.WorkspaceID, now: opt.Now, writer: events}
		for i := 0; i < w.Customers; i++ {
			if err := g.customer(ctx, i); err != nil {
				events.Close(ctx)
				return err
			}
		}
		w.Events = g.events
		return events.Close(ctx)
	})
	if err != nil {
		return w, err
	}
	if err := loadLoop(ctx, db, b, res.WorkspaceID); err != nil {
		return w, err
	}
	if err := loadPrograms(ctx, db, b, res.WorkspaceID, opt.Now); err != nil {
		return w, err
	}
	return w, loadSurveys(ctx, db, r, b, res.WorkspaceID, opt.Now)
}

// generator writes one business's customers and their journeys.
type generator struct {
	tx     *store.Tx
	r      *rand.Rand
	b      business
	ws     int64
	now    time.Time
	writer *journey.EventWriter
	events int
}

func (g *generator) customer(ctx context.Context, n int) error {
	p := newPerson(g.r)
	ids := []customer.Identity{{Kind: customer.Phone, Value: phoneAsWritten(g.r, p.mobile)}}
	if p.email != "" {
		ids = append(ids, customer.Identity{Kind: customer.Email, Value: emailAsWritten(g.r, p.email)})
	}
	if g.r.IntN(100) < 40 {
		ids = append(ids, customer.Identity{Kind: customer.Card, Value: fmt.Sprintf("%s-%04d", g.b.slug[:4], n)})
	}
	ids = append(ids, customer.Identity{Kind: customer.UserID, Value: fmt.Sprintf("%s-u%05d", g.b.slug[:4], n)})
	norm, err := customer.NormalizeAll(ids, "IR")
	if err != nil {
		return err
	}
	traits := customer.Traits{}
	for k, v := range g.b.traits(p) {
		traits[k], _ = json.Marshal(v)
	}
	res, err := customer.Resolve(ctx, g.tx, g.ws, norm, traits)
	if err != nil {
		return err
	}
	start := g.now.AddDate(0, 0, -365).Add(time.Duration(g.r.Int64N(int64(330 * 24 * time.Hour))))
	if err := g.consent(ctx, res.CustomerID, start); err != nil {
		return err
	}
	return g.journey(ctx, res.CustomerID, n, start)
}

func (g *generator) consent(ctx context.Context, id int64, at time.Time) error {
	if g.r.IntN(100) < 80 {
		if err := customer.RecordConsent(ctx, g.tx, g.ws, id, customer.Consent{Channel: "sms", Granted: true, Source: "store", At: at}); err != nil {
			return err
		}
		if g.r.IntN(100) < 6 {
			later := at.Add(time.Duration(g.r.IntN(60*24)) * time.Hour)
			if err := customer.RecordConsent(ctx, g.tx, g.ws, id, customer.Consent{Channel: "sms", Source: "sms-reply", Note: "لغو ۱۱", At: later}); err != nil {
				return err
			}
		}
	}
	if g.r.IntN(100) < 55 {
		return customer.RecordConsent(ctx, g.tx, g.ws, id, customer.Consent{Channel: "email", Granted: true, Source: "website", At: at})
	}
	return nil
}

// journey walks the customer through the stages, one or more purchase
// cycles, recording a signal at each touchpoint they pass.
func (g *generator) journey(ctx context.Context, id int64, n int, at time.Time) error {
	cycles := 1 + g.r.IntN(g.b.repeatMax)
	for c := 0; c < cycles && at.Before(g.now); c++ {
		for _, steps := range [][]step{g.b.pre, g.b.buy, g.b.post} {
			var err error
			if at, err = g.steps(ctx, id, n, at, steps); err != nil {
				return err
			}
		}
		at = at.Add(time.Duration(10+g.r.IntN(50)) * 24 * time.Hour)
	}
	return nil
}

func (g *generator) steps(ctx context.Context, id int64, n int, at time.Time, steps []step) (time.Time, error) {
	for _, s := range steps {
		if g.r.IntN(100) >= s.chance {
			continue
		}
		at = at.Add(time.Duration(20+g.r.IntN(60*24)) * time.Minute)
		if !at.Before(g.now) {
			return at, nil
		}
		if err := g.event(ctx, id, n, at, s); err != nil {
			return at, err
		}
	}
	return at, nil
}

func (g *generator) event(ctx context.Context, id int64, n int, at time.Time, s step) error {
	signal := pick(g.r, s.weights) - 2
	props, _ := json.Marshal(s.props)
	g.events++
	_, err := g.writer.Insert(ctx, &journey.Event{
		WorkspaceID: g.ws, CustomerID: id, MessageID: fmt.Sprintf("demo-%s-%d-%d", g.b.slug, n, g.events),
		Type: "track", Name: s.name, Touchpoint: s.touchpoint, Channel: s.channel, Signal: &signal,
		Properties: props, Context: json.RawMessage(`{"library":{"name":"tajrobe-demo"}}`),
		OccurredAt: at, ReceivedAt: at,
	})
	return err
}

// pick returns an index drawn with the given weights.
func pick(r *rand.Rand, w [5]int) int {
	total := 0
	for _, x := range w {
		total += x
	}
	n := r.IntN(total)
	for i, x := range w {
		if n < x {
			return i
		}
		n -= x
	}
	return len(w) - 1
}
