package comment_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/store"
)

// fixture writes the rows other domains own (workspaces, customers,
// survey answers, events) with plain SQL, as they arrive in production.
type fixture struct {
	t   testing.TB
	db  *store.DB
	ws  int64
	cus int64
	srv int64 // a survey
	seq int
}

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func newFixture(t testing.TB, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, db: db}
	f.ws = f.workspace("aria")
	return f
}

func (f *fixture) workspace(slug string) int64 {
	f.t.Helper()
	ctx := context.Background()
	var ws, cus, srv int64
	f.must(f.insert(ctx, `INSERT INTO workspaces (name, slug, created_at) VALUES (?, ?, 0) RETURNING id`, slug, slug, &ws))
	f.must(f.insert(ctx, `INSERT INTO customers (workspace_id, created_at, updated_at) VALUES (?, 0, 0) RETURNING id`, ws, &cus))
	f.must(f.insert(ctx, `INSERT INTO surveys (workspace_id, name, created_at, updated_at) VALUES (?, 'after delivery', 0, 0)
		RETURNING id`, ws, &srv))
	if f.ws == 0 {
		f.cus, f.srv = cus, srv
	}
	return ws
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// response stores a response with a score answer (kind nps or csat; score
// < 0 for none) and a text answer, and returns the ids.
func (f *fixture) response(kind string, score int, text string, at time.Time) (resp, answer int64) {
	f.t.Helper()
	ctx := context.Background()
	f.seq++
	f.must(f.insert(ctx, `INSERT INTO survey_responses (workspace_id, survey_id, customer_id, source_key, touchpoint,
		channel, language, status, started_at, updated_at) VALUES (?, ?, ?, ?, 'delivery', 'sms', 'fa', 'complete', ?, ?) RETURNING id`,
		f.ws, f.srv, f.cus, fmt.Sprint("k", f.seq), store.Millis(at), store.Millis(at), &resp))
	if score >= 0 {
		f.answer(resp, "q1", kind, &score, "", at)
	}
	return resp, f.answer(resp, "q2", "text", nil, text, at)
}

func (f *fixture) answer(resp int64, q, kind string, score *int, text string, at time.Time) int64 {
	f.t.Helper()
	var id int64
	f.must(f.insert(context.Background(), `INSERT INTO survey_answers (workspace_id, survey_id, response_id, customer_id,
		question, kind, score, text, touchpoint, channel, language, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'delivery', 'sms', 'fa', ?)
		RETURNING id`, f.ws, f.srv, resp, f.cus, q, kind, score, text, store.Millis(at), &id))
	return id
}

// event stores an event with the given properties, received at received.
func (f *fixture) event(name string, props map[string]any, at, received time.Time) int64 {
	f.t.Helper()
	raw, _ := json.Marshal(props)
	f.seq++
	var id int64
	f.must(f.insert(context.Background(), `INSERT INTO events (workspace_id, customer_id, message_id, type, name, touchpoint,
		channel, properties, occurred_at, received_at, has_text) VALUES (?, ?, ?, 'track', ?, 'support', 'app', ?, ?, ?, ?) RETURNING id`,
		f.ws, f.cus, fmt.Sprint("m", f.seq), name, string(raw), store.Millis(at), store.Millis(received), comment.HasText(raw), &id))
	return id
}

func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	f.must(f.db.QueryRow(context.Background(), query, args...).Scan(&n))
	return n
}

// insert runs an INSERT … RETURNING id on the writer and scans the id into
// the last argument.
func (f *fixture) insert(ctx context.Context, q string, args ...any) error {
	dst := args[len(args)-1].(*int64)
	return f.db.InTx(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(ctx, q, args[:len(args)-1]...).Scan(dst)
	})
}
