// Package timeline merges everything that happened to a customer — events,
// consent, merges, and later responses, cases and messages — into one list,
// newest first, with a cursor. Each domain contributes a Source: a query
// over its own table, so this package owns no domain's SQL.
package timeline

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Entry is one thing that happened to a customer.
type Entry struct {
	Kind       string          `json:"kind"`
	ID         int64           `json:"id"`
	At         time.Time       `json:"at"`
	Title      string          `json:"title"`
	Touchpoint string          `json:"touchpoint,omitempty"`
	Channel    string          `json:"channel,omitempty"`
	Signal     *int            `json:"signal,omitempty"`
	Data       json.RawMessage `json:"data"`
}

// Source is one domain's contribution. Query selects, in this order,
// id, time (Unix ms), title, touchpoint, channel, signal (or NULL) and data
// (JSON text) from one table, and contains two verbs: %[1]s for the list of
// customer-id placeholders and %[2]s for the cursor condition. It must
// order by its time column DESC, id DESC and end with "LIMIT ?". At names
// the time column, for the cursor condition.
type Source struct {
	Kind  string
	At    string
	Query string
}

// cursor is the position after the last entry of a page.
type cursor struct {
	at   int64
	kind string
	id   int64
}

func (c cursor) String() string {
	raw := fmt.Sprintf("%d|%s|%d", c.at, c.kind, c.id)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func parseCursor(s string) (cursor, error) {
	if s == "" {
		return cursor{at: math.MaxInt64}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.Split(string(raw), "|")
	if err != nil || len(parts) != 3 {
		return cursor{}, errs.Field("timeline.cursor", "cursor", "the cursor is not one this server gave out")
	}
	at, err1 := strconv.ParseInt(parts[0], 10, 64)
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return cursor{}, errs.Field("timeline.cursor", "cursor", "the cursor is not one this server gave out")
	}
	return cursor{at: at, kind: parts[1], id: id}, nil
}

// List returns up to limit entries for the customers in members (a
// customer and those merged into it), newest first, after the cursor, and
// the cursor of the next page ("" at the end). Entries at the same instant
// are ordered by kind, then newest id first.
func List(ctx context.Context, db *store.DB, members []int64, sources []Source, after string, limit int) ([]Entry, string, error) {
	c, err := parseCursor(after)
	if err != nil {
		return nil, "", err
	}
	var all []Entry
	for _, src := range sources {
		got, err := fetch(ctx, db, src, members, c, limit+1)
		if err != nil {
			return nil, "", errs.Wrap("timeline.List "+src.Kind, err)
		}
		all = append(all, got...)
	}
	sort.Slice(all, func(i, j int) bool { return before(all[i], all[j]) })
	if len(all) <= limit {
		return all, "", nil
	}
	last := all[limit-1]
	return all[:limit], cursor{at: store.Millis(last.At), kind: last.Kind, id: last.ID}.String(), nil
}

func before(a, b Entry) bool {
	if !a.At.Equal(b.At) {
		return a.At.After(b.At)
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	return a.ID > b.ID
}

// fetch reads one source's entries strictly after the cursor.
func fetch(ctx context.Context, db *store.DB, src Source, members []int64, c cursor, limit int) ([]Entry, error) {
	idBound := c.id // same kind as the cursor: older ids at the same instant
	switch {
	case src.Kind < c.kind:
		idBound = math.MinInt64 // its entries at the cursor's instant came first
	case src.Kind > c.kind:
		idBound = math.MaxInt64 // its entries at the cursor's instant are still to come
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(members)), ",")
	cond := fmt.Sprintf("(%[1]s < ? OR (%[1]s = ? AND id < ?))", src.At)
	q := fmt.Sprintf(src.Query, marks, cond)
	args := make([]any, 0, len(members)+4)
	for _, m := range members {
		args = append(args, m)
	}
	args = append(args, c.at, c.at, idBound, limit)
	rows, err := db.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		e := Entry{Kind: src.Kind}
		var at int64
		var signal *int
		var data []byte
		if err := rows.Scan(&e.ID, &at, &e.Title, &e.Touchpoint, &e.Channel, &signal, &data); err != nil {
			return nil, err
		}
		e.At, e.Signal, e.Data = store.Time(at), signal, json.RawMessage(data)
		out = append(out, e)
	}
	return out, rows.Err()
}
