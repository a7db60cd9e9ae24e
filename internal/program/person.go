package program

import (
	"context"
	"encoding/json"
	"hash/fnv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// person is a customer as a program sees them: traits, addresses, the
// language and time zone to write in, and consent per channel.
type person struct {
	ID        int64
	Traits    map[string]json.RawMessage
	Email     string
	Phone     string
	Lang      string
	Loc       *time.Location
	Withdrawn map[string]bool // channel → latest decision was a withdrawal
	pending   func() error    // reads addresses and consent, the first time they are needed
	batched   bool            // traits are written with the batch
	dirty     bool            // traits changed since read
}

// loadPerson reads a customer's traits in tx; addresses and consent are
// read when first needed (reach).
func loadPerson(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, id int64) (*person, error) {
	var raw []byte
	if err := tx.QueryRow(ctx, `SELECT traits FROM customers WHERE id = ? AND workspace_id = ?`, id, ws.ID).Scan(&raw); err != nil {
		return nil, errs.E("program.person", errs.NotExist, "customer %d does not exist in this workspace", id)
	}
	return newPerson(ctx, tx, ws, id, raw)
}

func newPerson(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, id int64, raw []byte) (*person, error) {
	p := &person{ID: id, Traits: map[string]json.RawMessage{}, Withdrawn: map[string]bool{}}
	if err := json.Unmarshal(raw, &p.Traits); err != nil {
		return nil, errs.Wrap("program.person", err)
	}
	p.pending = func() error { return p.readContact(ctx, tx) }
	p.settle(ws)
	return p, nil
}

// reach makes sure the addresses and consent are read.
func (p *person) reach() error {
	if p.pending == nil {
		return nil
	}
	err := p.pending()
	p.pending = nil
	return err
}

// readContact reads the customer's first e-mail address and phone, and
// the latest consent decision per channel.
func (p *person) readContact(ctx context.Context, tx *store.Tx) error {
	rows, err := tx.Query(ctx, `SELECT kind, value FROM identities WHERE customer_id = ? ORDER BY id`, p.ID)
	if err != nil {
		return errs.Wrap("program.person", err)
	}
	for rows.Next() {
		var kind, value string
		if err := rows.Scan(&kind, &value); err != nil {
			rows.Close()
			return err
		}
		if kind == "email" && p.Email == "" {
			p.Email = value
		}
		if kind == "phone" && p.Phone == "" {
			p.Phone = value
		}
	}
	rows.Close()
	return p.readConsent(ctx, tx)
}

func (p *person) readConsent(ctx context.Context, tx *store.Tx) error {
	rows, err := tx.Query(ctx, `SELECT channel, granted FROM consents WHERE customer_id = ? ORDER BY at DESC, id DESC`, p.ID)
	if err != nil {
		return errs.Wrap("program.person", err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	for rows.Next() {
		var ch string
		var granted bool
		if err := rows.Scan(&ch, &granted); err != nil {
			return err
		}
		if !seen[ch] {
			seen[ch] = true
			p.Withdrawn[ch] = !granted
		}
	}
	return rows.Err()
}

// settle picks the language and time zone: the customer's, else the
// workspace's.
func (p *person) settle(ws *workspace.Workspace) {
	p.Lang, p.Loc = ws.Language, ws.Location()
	if l := p.text("language"); l == "fa" || l == "en" {
		p.Lang = l
	}
	if tz := p.text("timezone"); tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			p.Loc = loc
		}
	}
}

func (p *person) text(trait string) string {
	var s string
	json.Unmarshal(p.Traits[trait], &s)
	return strings.TrimSpace(s)
}

// address is where a channel reaches the person, "" if nowhere.
func (p *person) address(channel string) string {
	switch channel {
	case "email":
		return p.Email
	case "sms":
		return p.Phone
	}
	return ""
}

// bucket is the customer's A/B bucket, 0–99, for one step of one
// enrollment: stable, so a retried step takes the same path.
func bucket(enrollment int64, step string) int {
	h := fnv.New32a()
	h.Write([]byte(step))
	var b [8]byte
	for i := range b {
		b[i] = byte(enrollment >> (8 * i))
	}
	h.Write(b[:])
	return int(h.Sum32() % 100)
}

// facts implements Ext with functions, so the runner (reading the
// database) and the dry run (reading a made-up customer) share the
// conditions.
type facts struct {
	count  func(names []string, touchpoint string, days int) (int, error)
	bucket int
	p      *person
	list   func(name string) (bool, error)
}

func (f *facts) CountEvents(names []string, tp string, days int) (int, error) {
	return f.count(names, tp, days)
}
func (f *facts) Bucket() int { return f.bucket }
func (f *facts) MayContact(ch string) (bool, error) {
	return !f.p.Withdrawn[ch] && f.p.address(ch) != "", nil
}
func (f *facts) InList(name string) (bool, error) { return f.list(name) }
func (f *facts) Tags() []string                   { return tagsOf(f.p.Traits) }

// dbFacts reads a real customer's events and lists in tx.
func dbFacts(ctx context.Context, tx *store.Tx, wsID int64, p *person) *facts {
	return &facts{p: p,
		count: func(names []string, tp string, days int) (int, error) {
			q := `SELECT COUNT(*) FROM events WHERE customer_id = ? AND occurred_at >= ? AND name IN (?` + strings.Repeat(", ?", len(names)-1) + `)`
			args := []any{p.ID, store.Millis(tx.Now.AddDate(0, 0, -days))}
			for _, n := range names {
				args = append(args, n)
			}
			if tp != "" {
				q += ` AND touchpoint = ?`
				args = append(args, tp)
			}
			var n int
			err := tx.QueryRow(ctx, q, args...).Scan(&n)
			return n, errs.Wrap("program.facts", err)
		},
		list: func(name string) (bool, error) {
			var n int
			err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM program_lists WHERE workspace_id = ? AND list = ? AND customer_id = ?`,
				wsID, name, p.ID).Scan(&n)
			return n > 0, errs.Wrap("program.facts", err)
		}}
}
