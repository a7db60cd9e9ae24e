package demo

import (
	"context"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// loopText is one business's follow-up vocabulary, in its language.
type loopText struct {
	team, lead, agent1, agent2 string
	reasons                    [5]string // one case per status: new … closed
	notes                      [5]string
	resolution, message        string
	causes                     [2]string
}

var loopTexts = map[string]loopText{
	"fa": {team: "پشتیبانی مشتریان", lead: "سرپرست", agent1: "نگار", agent2: "امید",
		reasons:    [5]string{"detractor", "late_delivery", "rude_staff", "wrong_size", "product_defect"},
		notes:      [5]string{"مشتری هنوز تماس را جواب نداده.", "تماس گرفتم؛ سفارش در انبار گیر کرده بود.", "پیامک فرستادم، منتظر پاسخ‌ام.", "کفش با سایز درست فرستاده شد.", "کفش معیوب پس گرفته و پول برگردانده شد."},
		resolution: "کفش نو با پیک فوری فرستاده شد و هزینه‌ی ارسال برگشت داده شد.",
		message:    "گفتید کفش ایراد داشت؛ کفش نو فرستادیم و کنترل کیفیت را سخت‌تر کردیم.",
		causes:     [2]string{"product_defect", "delivery_delay"}},
	"en": {team: "Guest care", lead: "Lead", agent1: "Marco", agent2: "Giulia",
		reasons:    [5]string{"detractor", "late_delivery", "rude_staff", "wrong_order", "cold_pizza"},
		notes:      [5]string{"Customer has not picked up yet.", "Called: the rider took a wrong turn.", "Sent an SMS, waiting for a reply.", "Re-delivered the right order.", "Refunded the cold pizza and apologised."},
		resolution: "Refunded the order and briefed the rider team on insulated bags.",
		message:    "You told us your pizza arrived cold; we refunded it and now use insulated bags on every ride.",
		causes:     [2]string{"delivery_delay", "product_defect"}},
}

// loadLoop gives a demo workspace a team, loop rules and a case in every
// state, with notes, root causes and a recovery.
func loadLoop(ctx context.Context, db *store.DB, b business, wsID int64) error {
	ws, err := workspace.Get(ctx, db, wsID)
	if err != nil {
		return err
	}
	txt := loopTexts[b.language]
	return db.InTx(ctx, func(tx *store.Tx) error {
		team, err := demoTeam(ctx, tx, b, wsID, txt)
		if err != nil {
			return err
		}
		if err := demoRules(ctx, tx, wsID, txt.team); err != nil {
			return err
		}
		return demoCases(ctx, tx, ws, team, txt)
	})
}

func demoTeam(ctx context.Context, tx *store.Tx, b business, wsID int64, txt loopText) (*loop.Team, error) {
	var ids []int64
	for i, name := range []string{txt.lead, txt.agent1, txt.agent2} {
		u := &auth.User{Email: fmt.Sprintf("agent%d@%s.demo", i, b.slug), Name: name}
		if err := auth.CreateUser(ctx, tx, u, AdminPassword, wsID, auth.Agent); err != nil {
			return nil, err
		}
		ids = append(ids, u.ID)
	}
	t := &loop.Team{Name: txt.team, LeadID: &ids[0], Members: ids[1:]}
	return t, loop.SaveTeam(ctx, tx, wsID, "demo", t)
}

func demoRules(ctx context.Context, tx *store.Tx, wsID int64, team string) error {
	v := func(f float64) *float64 { return &f }
	for _, r := range []rules.Rule{
		{Name: "NPS detractors", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnResponse},
			When: []rules.Condition{{Kind: rules.Score, Metric: "nps", Op: rules.Lte, Value: v(6)}},
			Then: []rules.Action{{Kind: rules.OpenCase, Reason: "detractor", Team: team}}},
		{Name: "Unhappy CSAT", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnResponse},
			When: []rules.Condition{{Kind: rules.Score, Metric: "csat", Op: rules.Lte, Value: v(2)}},
			Then: []rules.Action{{Kind: rules.OpenCase, Reason: "unhappy_csat", Team: team}}},
		{Name: "Three bad deliveries in 30 days", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnEvent, Touchpoint: "delivery"},
			When: []rules.Condition{{Kind: rules.Signal, Op: rules.Lte, Value: v(-1)},
				{Kind: rules.SignalCount, Touchpoint: "delivery", Value: v(-1), Count: 3, Days: 30}},
			Then: []rules.Action{{Kind: rules.OpenCase, Reason: "late_delivery", Team: team, Priority: "high"}}},
		{Name: "VIPs first", Enabled: true, Trigger: rules.Trigger{Kind: rules.OnCase},
			When: []rules.Condition{{Kind: rules.Trait, Trait: "vip", Op: rules.Eq, Values: []string{"true"}}},
			Then: []rules.Action{{Kind: rules.RaisePriority, Priority: "urgent"}, {Kind: rules.Notify, To: "lead"}}},
	} {
		if err := loop.SaveRule(ctx, tx, wsID, "demo", &r); err != nil {
			return err
		}
	}
	return nil
}

// demoCases opens one case per status for the first customers.
func demoCases(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, team *loop.Team, txt loopText) error {
	rows, err := tx.Query(ctx, `SELECT id FROM customers WHERE workspace_id = ? ORDER BY id LIMIT 6`, ws.ID)
	if err != nil {
		return err
	}
	var custs []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		custs = append(custs, id)
	}
	rows.Close()
	for i, status := range loop.Statuses {
		if i >= len(custs) {
			break
		}
		if err := demoCase(ctx, tx, ws, team, custs[i], i, status, txt); err != nil {
			return fmt.Errorf("demo case %s: %w", status, err)
		}
	}
	return nil
}

func demoCase(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, team *loop.Team, cust int64, i int, status string, txt loopText) error {
	score := []int{3, 5, 2, 6, 1}[i]
	c, _, err := loop.Open(ctx, tx, ws, "demo", &loop.Opening{CustomerID: cust, Reason: txt.reasons[i], TeamID: &team.ID,
		Touchpoint: "delivery", Channel: []string{"web", "sms", "ivr", "web", "sms"}[i], Metric: "nps", ScoreBefore: &score, SourceKind: "response"})
	if err != nil {
		return err
	}
	kind := "contact"
	if status == loop.New {
		kind = "note"
	}
	if _, err := loop.AddNote(ctx, tx, ws.ID, c.ID, "demo", kind, txt.notes[i]); err != nil {
		return err
	}
	for _, s := range loop.Statuses[1 : min(i, 3)+1] {
		if _, err := loop.Update(ctx, tx, ws.ID, "demo", c.ID, loop.Change{Status: &s}); err != nil {
			return err
		}
	}
	if status != loop.Closed {
		return nil
	}
	_, err = loop.Close(ctx, tx, ws, "demo", c.ID, loop.Closing{RootCause: txt.causes[0], Resolution: txt.resolution, Message: txt.message, Resurvey: true})
	if err == nil {
		_, err = loop.RecordRecovery(ctx, tx, ws.ID, "demo", c.ID, 9)
	}
	return err
}
