package journey

import (
	"context"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Signals counts the events of a touchpoint, stage or week by the sign of
// their signal. Events without a signal count in Volume only.
type Signals struct {
	Positive int
	Negative int
	Volume   int
}

// Balance is the net signal, (positive − negative) / (positive + negative),
// from −1 to 1, and false when no event carried a signal.
func (s Signals) Balance() (float64, bool) {
	n := s.Positive + s.Negative
	if n == 0 {
		return 0, false
	}
	return float64(s.Positive-s.Negative) / float64(n), true
}

// Add returns the sum of s and o.
func (s Signals) Add(o Signals) Signals {
	return Signals{Positive: s.Positive + o.Positive, Negative: s.Negative + o.Negative, Volume: s.Volume + o.Volume}
}

const signalSums = `COALESCE(SUM(CASE WHEN signal > 0 THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(CASE WHEN signal < 0 THEN 1 ELSE 0 END), 0), COUNT(*)`

// SignalsByTouchpoint counts workspaceID's events since the given time by
// touchpoint key; events at no touchpoint are under "".
func SignalsByTouchpoint(ctx context.Context, db *store.DB, workspaceID int64, since time.Time) (map[string]Signals, error) {
	const op = "journey.SignalsByTouchpoint"
	rows, err := db.Query(ctx, `SELECT touchpoint, `+signalSums+` FROM events
		WHERE workspace_id = ? AND occurred_at >= ? GROUP BY touchpoint`, workspaceID, store.Millis(since))
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	out := map[string]Signals{}
	for rows.Next() {
		var key string
		var s Signals
		if err := rows.Scan(&key, &s.Positive, &s.Negative, &s.Volume); err != nil {
			return nil, errs.Wrap(op, err)
		}
		out[key] = s
	}
	return out, errs.Wrap(op, rows.Err())
}

// SignalsByStage sums per-touchpoint signals into the stages of the given
// touchpoints; events at unknown touchpoints belong to no stage.
func SignalsByStage(touchpoints []Touchpoint, byTouchpoint map[string]Signals) map[string]Signals {
	out := map[string]Signals{}
	for _, t := range touchpoints {
		out[t.Stage] = out[t.Stage].Add(byTouchpoint[t.Key])
	}
	return out
}

// Week is the signals of the seven days from Start.
type Week struct {
	Start time.Time
	Signals
}

// WeeklySignals counts workspaceID's events in weeks weeks from start (the
// first day of a week in the workspace's time zone), oldest first. An empty
// touchpoint means every touchpoint. Weeks without events are zero.
func WeeklySignals(ctx context.Context, db *store.DB, workspaceID int64, touchpoint string, start time.Time, weeks int) ([]Week, error) {
	const op = "journey.WeeklySignals"
	const weekMs = int64(7 * 24 * time.Hour / time.Millisecond)
	from := store.Millis(start)
	query := `SELECT (occurred_at - ?) / ` + strconv.FormatInt(weekMs, 10) + `, ` + signalSums + ` FROM events
		WHERE workspace_id = ? AND occurred_at >= ? AND occurred_at < ?`
	args := []any{from, workspaceID, from, from + int64(weeks)*weekMs}
	if touchpoint != "" {
		query += ` AND touchpoint = ?`
		args = append(args, touchpoint)
	}
	rows, err := db.Query(ctx, query+` GROUP BY 1`, args...)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	out := make([]Week, weeks)
	for i := range out {
		out[i].Start = start.AddDate(0, 0, 7*i)
	}
	for rows.Next() {
		var i int64
		var s Signals
		if err := rows.Scan(&i, &s.Positive, &s.Negative, &s.Volume); err != nil {
			return nil, errs.Wrap(op, err)
		}
		if i >= 0 && i < int64(weeks) {
			out[i].Signals = s
		}
	}
	return out, errs.Wrap(op, rows.Err())
}
