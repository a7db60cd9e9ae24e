package track

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// The inbox lives where staging never waits for the applier: on
// PostgreSQL in the event_inbox table (migration 0012), whose rows are
// applied and deleted in one transaction; on SQLite, which has one writer,
// in a companion file (tajrobe-inbox.db) with a writer of its own. There a
// row is applied in the main file, then deleted from the companion; a
// crash in between applies it again, which stores nothing twice because
// events are unique by message id.

const spoolSchema = `CREATE TABLE IF NOT EXISTS event_inbox (
  id           INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL,
  events       INTEGER NOT NULL,
  payload      BLOB    NOT NULL,
  received_at  INTEGER NOT NULL
)`

// openSpool returns the database the inbox lives in.
func openSpool(ctx context.Context, db *store.DB) (*store.DB, error) {
	spool, err := db.Companion(ctx, "inbox")
	if err != nil || spool == db {
		return spool, err
	}
	if _, err := spool.Exec(ctx, spoolSchema); err != nil {
		spool.Close()
		return nil, err
	}
	return spool, nil
}

// Pending counts the inbox rows of db waiting to be applied, by any node.
func Pending(ctx context.Context, db *store.DB) (int, error) {
	spool, err := openSpool(ctx, db)
	if err != nil {
		return 0, err
	}
	if spool != db {
		defer spool.Close()
	}
	var n int
	err = spool.QueryRow(ctx, `SELECT COUNT(*) FROM event_inbox`).Scan(&n)
	return n, err
}

// Backlog counts the inbox rows waiting to be applied, by any node, for
// the server's metrics.
func (in *Ingester) Backlog(ctx context.Context) (int, error) {
	if in.spool == nil {
		return 0, nil
	}
	var n int
	err := in.spool.QueryRow(ctx, `SELECT COUNT(*) FROM event_inbox`).Scan(&n)
	return n, err
}

// Behind reports how far this node's applier is behind the stream: the
// events it staged and has not applied, and how long before now the
// newest event it applied was received (zero when none waits).
func (in *Ingester) Behind() (events int, lag time.Duration) {
	if events = in.inbox.waiting(); events == 0 {
		return 0, 0
	}
	return events, max(0, in.inbox.lag(in.db.Now()))
}
