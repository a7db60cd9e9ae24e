// Package timer is Tajrobe's durable scheduled work: a job of a kind, with
// a JSON payload, due at a time. Jobs live in the database, so a restart
// loses none; a node claims a job under a lease (FOR UPDATE SKIP LOCKED on
// PostgreSQL, the single writer on SQLite), so two nodes never run it at
// once; failures retry with exponential backoff up to a limit.
//
// Delivery is at least once: a node that dies after a job's side effect
// but before marking it done leaves it to run again when its lease ends,
// so handlers make their effect idempotent.
package timer

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Job is one unit of scheduled work.
type Job struct {
	ID          int64           `json:"id"`
	Kind        string          `json:"kind"`
	Key         string          `json:"key,omitempty"` // at most one job per key, ever; "" for none
	Payload     json.RawMessage `json:"payload"`
	Due         time.Time       `json:"due_at"`
	Attempts    int             `json:"attempts"`     // runs started so far, this one included
	MaxAttempts int             `json:"max_attempts"` // 0 means DefaultMaxAttempts
}

// DefaultMaxAttempts is how often a job runs before it is marked failed.
const DefaultMaxAttempts = 8

// Enqueue adds a job in tx, so it exists exactly when the change that
// needs it does. payload is marshalled to JSON. A job whose Key was used
// before is not added again; Enqueue reports whether it was added.
func Enqueue(ctx context.Context, tx *store.Tx, kind, key string, payload any, due time.Time, maxAttempts int) (bool, error) {
	const op = "timer.Enqueue"
	if kind == "" {
		return false, errs.E(op, errs.Invalid, "a job needs a kind")
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return false, errs.Wrap(op, err)
	}
	if maxAttempts <= 0 {
		maxAttempts = DefaultMaxAttempts
	}
	var k any
	if key != "" {
		k = key
	}
	res, err := tx.Exec(ctx, `INSERT INTO timer_jobs (kind, key, payload, due_at, max_attempts, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
		kind, k, string(body), store.Millis(due), maxAttempts, store.Millis(tx.Now))
	if err != nil {
		return false, errs.Wrap(op, err)
	}
	n, err := res.RowsAffected()
	return n == 1, errs.Wrap(op, err)
}

// NewJob is one job for EnqueueMany.
type NewJob struct {
	Kind, Key   string
	Payload     any
	Due         time.Time
	MaxAttempts int
}

// EnqueueMany adds jobs in tx, 100 to a statement, for callers that queue
// many at once; as with Enqueue, a job whose Key was used before is not
// added again.
func EnqueueMany(ctx context.Context, tx *store.Tx, jobs []NewJob) error {
	const op = "timer.EnqueueMany"
	for lo := 0; lo < len(jobs); lo += 100 {
		part := jobs[lo:min(lo+100, len(jobs))]
		args := make([]any, 0, 6*len(part))
		for _, j := range part {
			body, err := json.Marshal(j.Payload)
			if err != nil || j.Kind == "" {
				return errs.E(op, errs.Invalid, "job %q: a job needs a kind and a JSON payload", j.Key)
			}
			var k any
			if j.Key != "" {
				k = j.Key
			}
			if j.MaxAttempts <= 0 {
				j.MaxAttempts = DefaultMaxAttempts
			}
			args = append(args, j.Kind, k, string(body), store.Millis(j.Due), j.MaxAttempts, store.Millis(tx.Now))
		}
		values := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?), ", len(part)), ", ")
		if _, err := tx.Exec(ctx, `INSERT INTO timer_jobs (kind, key, payload, due_at, max_attempts, created_at)
			VALUES `+values+` ON CONFLICT (key) DO NOTHING`, args...); err != nil {
			return errs.Wrap(op, err)
		}
	}
	return nil
}

// Cancel drops a job not yet run, by key; it reports whether one was.
func Cancel(ctx context.Context, tx *store.Tx, key string) (bool, error) {
	res, err := tx.Exec(ctx, `DELETE FROM timer_jobs WHERE key = ? AND state = 'ready' AND lease_until < ?`, key, store.Millis(tx.Now))
	if err != nil {
		return false, errs.Wrap("timer.Cancel", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Prune deletes up to limit jobs done before the given time and returns
// how many it deleted. Failed jobs stay for an operator to read. A done
// job's key is what stops the same work being enqueued twice, so only jobs
// long done go: every kind's key names work that cannot come again that
// late (an event, an invitation, a step of an enrolment, a date, a
// program's version).
func Prune(ctx context.Context, db *store.DB, before time.Time, limit int) (int, error) {
	res, err := db.Exec(ctx, `DELETE FROM timer_jobs WHERE id IN
		(SELECT id FROM timer_jobs WHERE state = 'done' AND finished_at < ? ORDER BY id LIMIT ?)`, store.Millis(before), limit)
	if err != nil {
		return 0, errs.Wrap("timer.Prune", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Stats counts jobs by state, for health checks and tests.
func Stats(ctx context.Context, db *store.DB, kind string) (map[string]int, error) {
	rows, err := db.Query(ctx, `SELECT state, COUNT(*) FROM timer_jobs WHERE kind = ? GROUP BY state`, kind)
	if err != nil {
		return nil, errs.Wrap("timer.Stats", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}
