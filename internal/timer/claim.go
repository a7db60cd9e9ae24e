package timer

import (
	"context"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// claim takes up to n due jobs for node, leasing them until now+lease.
// A job whose lease ran out (its node died) is due again.
func claim(ctx context.Context, db *store.DB, node string, n int, lease time.Duration) ([]Job, error) {
	var jobs []Job
	err := db.InTx(ctx, func(tx *store.Tx) error {
		now := store.Millis(tx.Now)
		pick := `SELECT id FROM timer_jobs WHERE state = 'ready' AND due_at <= ? AND lease_until < ?
			ORDER BY due_at, id LIMIT ?`
		if tx.Dialect() == store.Postgres {
			pick += ` FOR UPDATE SKIP LOCKED` // another node's claim in flight is passed over, not waited on
		} // SQLite: the single writer connection already serialises claims
		rows, err := tx.Query(ctx, `UPDATE timer_jobs SET claimed_by = ?, lease_until = ?, attempts = attempts + 1
			WHERE id IN (`+pick+`) RETURNING id, kind, COALESCE(key, ''), payload, due_at, attempts, max_attempts`,
			node, now+lease.Milliseconds(), now, now, n)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var j Job
			var due int64
			var payload []byte
			if err := rows.Scan(&j.ID, &j.Kind, &j.Key, &payload, &due, &j.Attempts, &j.MaxAttempts); err != nil {
				return err
			}
			j.Payload, j.Due = payload, store.Time(due)
			jobs = append(jobs, j)
		}
		return rows.Err()
	})
	return jobs, err
}

// finish marks a job done, or schedules its retry, or marks it failed.
// The node check keeps a node whose lease expired from overwriting the
// outcome of the node that took the job over.
func finish(ctx context.Context, db *store.DB, node string, j Job, runErr error, backoff func(int) time.Duration) error {
	now := db.Now()
	switch {
	case runErr == nil:
		_, err := db.Exec(ctx, `UPDATE timer_jobs SET state = 'done', finished_at = ?, lease_until = 0, last_error = ''
			WHERE id = ? AND claimed_by = ?`, store.Millis(now), j.ID, node)
		return err
	case j.Attempts >= j.MaxAttempts || IsPermanent(runErr):
		_, err := db.Exec(ctx, `UPDATE timer_jobs SET state = 'failed', finished_at = ?, lease_until = 0, last_error = ?
			WHERE id = ? AND claimed_by = ?`, store.Millis(now), clip(runErr.Error()), j.ID, node)
		return err
	}
	_, err := db.Exec(ctx, `UPDATE timer_jobs SET due_at = ?, lease_until = 0, last_error = ? WHERE id = ? AND claimed_by = ?`,
		store.Millis(now.Add(backoff(j.Attempts))), clip(runErr.Error()), j.ID, node)
	return err
}

// finishDone marks the jobs that succeeded done in one statement.
func finishDone(ctx context.Context, db *store.DB, node string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	args := []any{store.Millis(db.Now()), node}
	marks := make([]string, len(ids))
	for i, id := range ids {
		args, marks[i] = append(args, id), "?"
	}
	_, err := db.Exec(ctx, `UPDATE timer_jobs SET state = 'done', finished_at = ?, lease_until = 0, last_error = ''
		WHERE claimed_by = ? AND id IN (`+strings.Join(marks, ", ")+`)`, args...)
	return err
}

func clip(s string) string {
	if len(s) > 1000 {
		return s[:1000]
	}
	return s
}

// Backoff is the default retry delay: 30 s doubled per attempt, at most
// six hours.
func Backoff(attempt int) time.Duration {
	d := 30 * time.Second << min(attempt-1, 10)
	return min(d, 6*time.Hour)
}

// permanent marks an error that retrying cannot fix.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent wraps err so the job fails now instead of retrying.
func Permanent(err error) error { return permanent{err} }

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	_, ok := err.(permanent)
	return ok
}
