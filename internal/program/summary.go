package program

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Summary is a program's line in a list: how many customers entered it,
// by where they are now, and when it last moved anyone.
type Summary struct {
	Entered, Active, Completed, Converted, Exited int
	LastRun                                       *time.Time
}

// Summaries reads the summary of every program of a workspace that has
// had anyone inside, by program id, in two grouped queries.
func Summaries(ctx context.Context, q queryer, wsID int64) (map[int64]*Summary, error) {
	const op = "program.Summaries"
	out := map[int64]*Summary{}
	rows, err := q.Query(ctx, `SELECT program_id, state, COUNT(*), MAX(updated_at) FROM program_enrollments
		WHERE workspace_id = ? GROUP BY program_id, state`, wsID)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, last int64
		var state string
		var n int
		if err := rows.Scan(&id, &state, &n, &last); err != nil {
			return nil, errs.Wrap(op, err)
		}
		s := out[id]
		if s == nil {
			s = &Summary{}
			out[id] = s
		}
		s.add(state, n, store.Time(last))
	}
	return out, errs.Wrap(op, rows.Err())
}

func (s *Summary) add(state string, n int, last time.Time) {
	s.Entered += n
	switch state {
	case InProgress:
		s.Active += n
	case Completed:
		s.Completed += n
	case Converted:
		s.Converted += n
	case Exited:
		s.Exited += n
	}
	if s.LastRun == nil || last.After(*s.LastRun) {
		s.LastRun = &last
	}
}
