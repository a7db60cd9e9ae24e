package track

import (
	"context"
	"database/sql"

	"github.com/tajrobe/tajrobe/internal/store"
)

// stmtSizes are the row counts of the prepared multi-row statements; any
// group splits into a few of them, largest first.
var stmtSizes = []int{256, 64, 16, 4, 1}

// sqliteStmts are the hot statements prepared once on SQLite's writer
// connection: modernc parses a statement again on every Exec, which cost
// a seventh of the writer's time. database/sql keeps each one prepared on
// the connection and, in a transaction, reuses it (Tx.StmtContext).
type sqliteStmts struct {
	insert map[int]*sql.Stmt // INSERT INTO events … n rows
	seen   map[int]*sql.Stmt // SELECT message_id … IN (n ids)
}

// prepareSQLite prepares the statements; it must run outside any
// transaction, as SQLite has one writer connection.
func prepareSQLite(ctx context.Context, db *store.DB) (*sqliteStmts, error) {
	s := &sqliteStmts{insert: map[int]*sql.Stmt{}, seen: map[int]*sql.Stmt{}}
	for _, n := range stmtSizes {
		var err error
		if s.insert[n], err = db.Writer().PrepareContext(ctx, insertSQL(n)); err != nil {
			return nil, err
		}
		if s.seen[n], err = db.Writer().PrepareContext(ctx, seenSQL(n)); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func insertSQL(rows int) string {
	return `INSERT INTO events (` + eventColumns + `) VALUES ` + valuesList(rows, eventValues) +
		` ON CONFLICT (workspace_id, message_id) DO NOTHING`
}

func seenSQL(ids int) string {
	return `SELECT message_id FROM events WHERE workspace_id = ? AND message_id IN (` + placeholders(ids) + `)`
}

// close releases the statements.
func (s *sqliteStmts) close() {
	if s == nil {
		return
	}
	for _, m := range []map[int]*sql.Stmt{s.insert, s.seen} {
		for _, st := range m {
			st.Close()
		}
	}
}

// split calls fn with [lo, hi) ranges over n items, each as long as one
// of stmtSizes, largest first.
func split(n int, fn func(lo, hi int) error) error {
	lo := 0
	for _, size := range stmtSizes {
		for n-lo >= size {
			if err := fn(lo, lo+size); err != nil {
				return err
			}
			lo += size
		}
	}
	return nil
}

// in returns st for use in tx.
func in(ctx context.Context, tx *store.Tx, st *sql.Stmt) *sql.Stmt {
	return tx.SQL().StmtContext(ctx, st)
}
