package program

import (
	"context"
	"encoding/json"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Counts are a program's figures over all its versions.
type Counts struct {
	Entered   int         `json:"entered"`
	Active    int         `json:"active"`
	Completed int         `json:"completed"`
	Converted int         `json:"converted"`
	Exited    int         `json:"exited"`
	Steps     []StepCount `json:"steps"`
}

// StepCount is one step of one version: how many customers reached it,
// wait there now, were sent (or spared) its message, converted or left
// there.
type StepCount struct {
	Version    int    `json:"version"`
	Step       string `json:"step"`
	Reached    int    `json:"reached"`
	Waiting    int    `json:"waiting"`
	Sent       int    `json:"sent"`
	Suppressed int    `json:"suppressed"`
	Failed     int    `json:"failed"`
	Converted  int    `json:"converted"`
	Exited     int    `json:"exited"`
}

// reachedKinds are the log kinds that mean a customer came to a step.
var reachedKinds = map[string]bool{"waiting": true, "wait_passed": true, "action": true, "queued": true, "branched": true, "skipped": true}

// CountsOf reads a program's counts from its history and enrollments.
func CountsOf(ctx context.Context, db *store.DB, wsID, programID int64) (*Counts, error) {
	const op = "program.Counts"
	if _, err := Get(ctx, db, wsID, programID); err != nil {
		return nil, err
	}
	c := &Counts{Steps: []StepCount{}}
	idx := map[[2]any]*StepCount{}
	at := func(version int, step string) *StepCount {
		k := [2]any{version, step}
		if idx[k] == nil {
			c.Steps = append(c.Steps, StepCount{Version: version, Step: step})
			idx = reindex(c.Steps)
		}
		return idx[k]
	}
	rows, err := db.Query(ctx, `SELECT version, step, kind, COUNT(*) FROM program_log WHERE program_id = ?
		GROUP BY version, step, kind ORDER BY version, MIN(id)`, programID)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	for rows.Next() {
		var v, n int
		var step, kind string
		if err := rows.Scan(&v, &step, &kind, &n); err != nil {
			rows.Close()
			return nil, errs.Wrap(op, err)
		}
		if step != "" {
			tally(at(v, step), kind, n)
		}
	}
	rows.Close()
	return c, errs.Wrap(op, c.states(ctx, db, programID, at))
}

func reindex(steps []StepCount) map[[2]any]*StepCount {
	m := map[[2]any]*StepCount{}
	for i := range steps {
		m[[2]any{steps[i].Version, steps[i].Step}] = &steps[i]
	}
	return m
}

func tally(s *StepCount, kind string, n int) {
	switch {
	case reachedKinds[kind]:
		s.Reached += n
	case kind == "sent":
		s.Sent += n
	case kind == "suppressed":
		s.Suppressed += n
	case kind == "failed":
		s.Failed += n
	case kind == "converted":
		s.Converted += n
	case kind == "exited":
		s.Exited += n
	}
}

// states adds the enrollments by state, and who waits at each step.
func (c *Counts) states(ctx context.Context, db *store.DB, programID int64, at func(int, string) *StepCount) error {
	rows, err := db.Query(ctx, `SELECT version, state, step, COUNT(*) FROM program_enrollments WHERE program_id = ?
		GROUP BY version, state, step`, programID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v, n int
		var state, step string
		if err := rows.Scan(&v, &state, &step, &n); err != nil {
			return err
		}
		c.Entered += n
		switch state {
		case InProgress:
			c.Active += n
			if step != "" {
				at(v, step).Waiting += n
			}
		case Completed:
			c.Completed += n
		case Converted:
			c.Converted += n
		case Exited:
			c.Exited += n
		}
	}
	return rows.Err()
}

func jsonInto(raw []byte, v any) error { return json.Unmarshal(raw, v) }
