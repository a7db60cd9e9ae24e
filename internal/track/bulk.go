package track

import (
	"context"
	"database/sql"
	"strings"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/store"
)

// sqliteChunk bounds the rows of one multi-row statement on SQLite, well
// under its 32,766 bound variables.
const sqliteChunk = 500

// placeholders returns "?, ?, …" with n marks.
func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// valuesList returns "(?, ?, …), (?, ?, …)" for rows of cols values.
func valuesList(rows, cols int) string {
	one := "(" + placeholders(cols) + ")"
	return strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
}

// chunks calls fn with [lo, hi) ranges of at most size over n items.
func chunks(n, size int, fn func(lo, hi int) error) error {
	for lo := 0; lo < n; lo += size {
		if err := fn(lo, min(lo+size, n)); err != nil {
			return err
		}
	}
	return nil
}

// sqliteSplit splits n rows into statements: the prepared sizes when
// there are prepared statements, chunks of sqliteChunk otherwise.
func sqliteSplit(st *sqliteStmts, n int, fn func(lo, hi int) error) error {
	if st != nil {
		return split(n, fn)
	}
	return chunks(n, sqliteChunk, fn)
}

// storedIDsPG probes the events' unique index once per message id.
const storedIDsPG = `SELECT u.m FROM unnest(?::text[]) AS u(m) CROSS JOIN LATERAL
	(SELECT 1 FROM events e WHERE e.workspace_id = ? AND e.message_id = u.m LIMIT 1) x`

// storedIDs returns which of the message ids the workspace has stored.
func storedIDs(ctx context.Context, tx *store.Tx, st *sqliteStmts, workspaceID int64, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	collect := func(q string, args ...any) error {
		var rows *sql.Rows
		var err error
		if st != nil {
			rows, err = in(ctx, tx, st.seen[len(args)-1]).QueryContext(ctx, args...)
		} else {
			rows, err = tx.Query(ctx, q, args...)
		}
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			out[id] = true
		}
		return rows.Err()
	}
	switch tx.Dialect() {
	case store.Postgres:
		// One probe of the unique index per id, whatever the statistics
		// say: "message_id = ANY(…)" let a planner that still thought the
		// workspace small scan all its rows (10 ms for 200 ids at 60,000).
		return out, collect(storedIDsPG, ids, workspaceID)
	default:
		return out, sqliteSplit(st, len(ids), func(lo, hi int) error {
			args := []any{workspaceID}
			for _, id := range ids[lo:hi] {
				args = append(args, id)
			}
			return collect(seenSQL(hi-lo), args...)
		})
	}
}

// eventValues is how many values eventColumns takes.
const eventValues = 13

const eventColumns = `workspace_id, customer_id, message_id, type, name, touchpoint, channel, signal,
	properties, context, occurred_at, received_at, has_text`

// insertEvents stores resolved events in as few statements as the engine
// allows and returns those it stored: multi-row INSERTs on SQLite, whose
// single writer already checked the message ids in this transaction; on
// PostgreSQL one INSERT … SELECT FROM unnest over column arrays, which
// costs one round trip like COPY but keeps ON CONFLICT, needed for
// idempotency across nodes, and returns the rows another node did not
// store first.
func insertEvents(ctx context.Context, tx *store.Tx, st *sqliteStmts, events []*Event) ([]*Event, error) {
	switch tx.Dialect() {
	case store.Postgres:
		return insertEventsPG(ctx, tx, events)
	default:
		return events, sqliteSplit(st, len(events), func(lo, hi int) error {
			args := make([]any, 0, (hi-lo)*eventValues)
			for _, e := range events[lo:hi] {
				args = append(args, e.WorkspaceID, e.CustomerID, e.MessageID, e.Type, e.Name, e.Touchpoint, e.Channel,
					e.Signal, string(e.Properties), string(e.Context), store.Millis(e.OccurredAt), store.Millis(e.ReceivedAt),
					comment.HasText(e.Properties))
			}
			if st != nil {
				_, err := in(ctx, tx, st.insert[hi-lo]).ExecContext(ctx, args...)
				return err
			}
			_, err := tx.Exec(ctx, insertSQL(hi-lo), args...)
			return err
		})
	}
}

func insertEventsPG(ctx context.Context, tx *store.Tx, events []*Event) ([]*Event, error) {
	n := len(events)
	ws, cust, occ, rec := make([]int64, n), make([]int64, n), make([]int64, n), make([]int64, n)
	mid, typ, name, tp, ch, props, cx := make([]string, n), make([]string, n), make([]string, n),
		make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	sig, text := make([]*int16, n), make([]bool, n)
	for i, e := range events {
		text[i] = comment.HasText(e.Properties)
		ws[i], cust[i], occ[i], rec[i] = e.WorkspaceID, e.CustomerID, store.Millis(e.OccurredAt), store.Millis(e.ReceivedAt)
		mid[i], typ[i], name[i], tp[i], ch[i] = e.MessageID, e.Type, e.Name, e.Touchpoint, e.Channel
		props[i], cx[i] = string(e.Properties), string(e.Context)
		if e.Signal != nil {
			s := int16(*e.Signal)
			sig[i] = &s
		}
	}
	rows, err := tx.Query(ctx, `INSERT INTO events (`+eventColumns+`)
		SELECT w, c, m, t, n, tp, ch, s, p::jsonb, x::jsonb, o, r, h
		FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			?::smallint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::boolean[]) AS u(w, c, m, t, n, tp, ch, s, p, x, o, r, h)
		ON CONFLICT (workspace_id, message_id) DO NOTHING RETURNING id, message_id`,
		ws, cust, mid, typ, name, tp, ch, sig, props, cx, occ, rec, text)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := make(map[string]int64, n)
	for rows.Next() {
		var id int64
		var msg string
		if err := rows.Scan(&id, &msg); err != nil {
			return nil, err
		}
		ids[msg] = id
	}
	stored := events[:0:0]
	for _, e := range events {
		if id, ok := ids[e.MessageID]; ok {
			e.ID = id
			stored = append(stored, e)
		}
	}
	return stored, rows.Err()
}
