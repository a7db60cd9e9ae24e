package program

import (
	"context"
	"fmt"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// saveRow is an enrollment's new place, written at the batch's end.
type saveRow struct {
	id              int64
	state, step, wf string
	seq             int
	due, ended      any
	reason          string
}

// updateMany writes rows of cols values into table by id, 100 to a
// statement: UPDATE … FROM a list of values, which both engines have;
// PostgreSQL is told each value's type, SQLite needs no telling.
func updateMany(ctx context.Context, tx *store.Tx, table string, cols, types []string, rows [][]any) error {
	for lo := 0; lo < len(rows); lo += 100 {
		part := rows[lo:min(lo+100, len(rows))]
		var args []any
		var values []string
		for _, r := range part {
			args = append(args, r...)
			marks := make([]string, len(r))
			for i := range r {
				marks[i] = "?"
				if tx.Dialect() == store.Postgres {
					marks[i] += "::" + types[i]
				}
			}
			values = append(values, "("+strings.Join(marks, ", ")+")")
		}
		set := make([]string, 0, len(cols)-1)
		for _, c := range cols[1:] {
			set = append(set, c+" = v."+c)
		}
		var q string
		switch tx.Dialect() {
		case store.Postgres:
			q = fmt.Sprintf(`UPDATE %s SET %s FROM (VALUES %s) AS v(%s) WHERE %s.id = v.id`,
				table, strings.Join(set, ", "), strings.Join(values, ", "), strings.Join(cols, ", "), table)
		default:
			q = fmt.Sprintf(`WITH v(%s) AS (VALUES %s) UPDATE %s SET %s FROM v WHERE %s.id = v.id`,
				strings.Join(cols, ", "), strings.Join(values, ", "), table, strings.Join(set, ", "), table)
		}
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return errs.Wrap("program.batch", err)
		}
	}
	return nil
}

// flushWrites writes the batch's enrollments, traits and timer jobs.
func (b *batch) flushWrites(ctx context.Context, tx *store.Tx) error {
	now := store.Millis(tx.Now)
	var rows [][]any
	for _, s := range b.saves {
		rows = append(rows, []any{s.id, s.state, s.step, s.seq, s.wf, s.due, s.reason, now, s.ended})
	}
	err := updateMany(ctx, tx, "program_enrollments", []string{"id", "state", "step", "seq", "waiting_for", "due_at", "exit_reason", "updated_at", "ended_at"},
		[]string{"bigint", "text", "text", "int", "text", "bigint", "text", "bigint", "bigint"}, rows)
	if err != nil {
		return err
	}
	rows = rows[:0]
	for _, p := range b.people {
		if p.dirty {
			raw, err := encodeTraits(p)
			if err != nil {
				return err
			}
			rows = append(rows, []any{p.ID, raw, now})
		}
	}
	if err := updateMany(ctx, tx, "customers", []string{"id", "traits", "updated_at"}, []string{"bigint", "jsonb", "bigint"}, rows); err != nil {
		return err
	}
	err = timer.EnqueueMany(ctx, tx, b.jobs)
	b.saves, b.jobs = b.saves[:0], b.jobs[:0]
	return err
}
