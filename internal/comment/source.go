package comment

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/tajrobe/tajrobe/internal/store"
)

// TextKeys are the event properties that carry a customer's words, in the
// order they are looked at: a ticket's body, a review, a social mention.
var TextKeys = []string{"text", "comment", "review", "message", "body", "feedback"}

// item is one comment waiting to be analysed.
type item struct {
	kind        string
	id          int64
	workspaceID int64
	responseID  sql.NullInt64
	customerID  sql.NullInt64
	touchpoint  string
	channel     string
	text        string
	at          int64 // when it was written (answered_at, occurred_at)
}

// quotedKeys are TextKeys as they appear in JSON, for a cheap first test.
var quotedKeys = func() [][]byte {
	out := make([][]byte, len(TextKeys))
	for i, k := range TextKeys {
		out[i] = []byte(`"` + k + `"`)
	}
	return out
}()

// EventText returns the first non-empty string among an event's TextKeys,
// or "" when the properties carry no text. Most events carry none and cost
// a few byte searches, not a JSON walk.
func EventText(properties []byte) string {
	if !mayHaveText(properties) {
		return ""
	}
	var props map[string]json.RawMessage
	if json.Unmarshal(properties, &props) != nil {
		return ""
	}
	for _, k := range TextKeys {
		var s string
		if raw, ok := props[k]; ok && json.Unmarshal(raw, &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

// HasText reports whether EventText finds a text. Writers of events store
// the answer in has_text, so the worker finds event texts by an index that
// holds only them, never by reading every event.
func HasText(properties []byte) bool { return EventText(properties) != "" }

func mayHaveText(properties []byte) bool {
	for _, k := range quotedKeys {
		if bytes.Contains(properties, k) {
			return true
		}
	}
	return false
}

// hasText is the SQL condition "the event e carries a text".
func hasText(d store.Dialect) string {
	if d == store.Postgres {
		return `e.has_text`
	}
	return `e.has_text = 1`
}

// Queries that find comments with no analysis yet (or, for an edited
// answer, an older one). "tail" looks at rows that arrived since a time;
// "sweep" walks the id space in ranges, to find anything the tail missed.
const (
	answerCols = `SELECT a.id, a.workspace_id, a.response_id, a.customer_id, a.touchpoint, a.channel, a.text, a.answered_at
		FROM survey_answers a LEFT JOIN comment_analyses c ON c.source_kind = 'answer' AND c.source_id = a.id
		WHERE a.text <> '' AND (c.id IS NULL OR c.source_at < a.answered_at) AND `
	answerTail  = answerCols + `a.answered_at >= ? ORDER BY a.answered_at, a.id LIMIT ?`
	answerSweep = answerCols + `a.id > ? AND a.id <= ? ORDER BY a.id LIMIT ?`
	eventCols   = `SELECT e.id, e.workspace_id, e.customer_id, e.touchpoint, e.channel, e.properties, e.occurred_at
		FROM events e WHERE NOT EXISTS (SELECT 1 FROM comment_analyses c WHERE c.source_kind = 'event' AND c.source_id = e.id)
		AND %s AND `
	eventTail  = eventCols + `e.received_at >= ? ORDER BY e.received_at, e.id LIMIT ?`
	eventSweep = eventCols + `e.id > ? AND e.id <= ? ORDER BY e.id LIMIT ?`
)

// finder runs the pending queries of one engine.
type finder struct {
	db                    *store.DB
	eventTail, eventSweep string
}

func newFinder(db *store.DB) *finder {
	cond := hasText(db.Dialect)
	return &finder{db: db,
		eventTail:  strings.Replace(eventTail, "%s", cond, 1),
		eventSweep: strings.Replace(eventSweep, "%s", cond, 1)}
}

func (f *finder) answers(ctx context.Context, query string, args ...any) ([]item, error) {
	rows, err := f.db.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []item
	for rows.Next() {
		it := item{kind: FromAnswer}
		if err := rows.Scan(&it.id, &it.workspaceID, &it.responseID, &it.customerID, &it.touchpoint, &it.channel, &it.text, &it.at); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

func (f *finder) events(ctx context.Context, query string, args ...any) ([]item, error) {
	rows, err := f.db.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []item
	for rows.Next() {
		it := item{kind: FromEvent}
		var props []byte
		if err := rows.Scan(&it.id, &it.workspaceID, &it.customerID, &it.touchpoint, &it.channel, &props, &it.at); err != nil {
			return nil, err
		}
		it.text = EventText(props)
		out = append(out, it)
	}
	return out, rows.Err()
}

// maxIDs returns the highest answer and event ids, where a sweep ends.
func (f *finder) maxIDs(ctx context.Context) (answers, events int64, err error) {
	err = f.db.QueryRow(ctx, `SELECT COALESCE((SELECT MAX(id) FROM survey_answers), 0),
		COALESCE((SELECT MAX(id) FROM events), 0)`).Scan(&answers, &events)
	return answers, events, err
}
