// Package analytics turns events and answers into numbers a CX team can
// trust: NPS, CSAT, CES and signal balance with their margins of error,
// time series in the Jalali or Gregorian calendar, the journey map, gaps
// against expectations, and what drives loyalty.
//
// Standard views read rollups, never raw rows. The rollups are changed in
// the same transaction that writes the raw rows (writers collect a Rollup
// and Flush it), so they are exact and current the moment data commits.
package analytics

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// Day is a local calendar date, yyyymmdd, in the workspace's time zone.
type Day int

// DayOf returns the local date of t in loc.
func DayOf(t time.Time, loc *time.Location) Day {
	y, m, d := t.In(loc).Date()
	return Day(y*10000 + int(m)*100 + d)
}

// Time returns midnight of the day in loc.
func (d Day) Time(loc *time.Location) time.Time {
	return time.Date(int(d)/10000, time.Month(int(d)/100%100), int(d)%100, 0, 0, 0, 0, loc)
}

type signalKey struct {
	day                 Day
	touchpoint, channel string
}

type signalAgg struct{ events, signals, positive, negative, sum int64 }

type scoreKey struct {
	day                                           Day
	survey                                        int64
	question, kind, touchpoint, channel, language string
}

// Rollup collects the changes one transaction makes, for one workspace.
type Rollup struct {
	workspace int64
	loc       *time.Location
	signals   map[signalKey]*signalAgg
	scores    map[scoreKey]*hist
	reach     map[reachKey]time.Time
}

type reachKey struct {
	customer   int64
	touchpoint string
}

// NewRollup starts collecting changes for a workspace in time zone loc.
func NewRollup(workspaceID int64, loc *time.Location) *Rollup {
	return &Rollup{workspace: workspaceID, loc: loc, signals: map[signalKey]*signalAgg{},
		scores: map[scoreKey]*hist{}, reach: map[reachKey]time.Time{}}
}

// ForWorkspace starts a Rollup in the workspace's own time zone.
func ForWorkspace(ctx context.Context, tx *store.Tx, workspaceID int64) (*Rollup, error) {
	var tz string
	if err := tx.QueryRow(ctx, `SELECT timezone FROM workspaces WHERE id = ?`, workspaceID).Scan(&tz); err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	return NewRollup(workspaceID, loc), nil
}

// Event counts one event (sign +1) or takes one back (sign −1).
func (r *Rollup) Event(at time.Time, touchpoint, channel string, signal *int, sign int) {
	k := signalKey{DayOf(at, r.loc), touchpoint, channel}
	a := r.signals[k]
	if a == nil {
		a = &signalAgg{}
		r.signals[k] = a
	}
	a.count(signal, int64(sign))
}

// Reached notes that a customer was at a touchpoint, and so at its
// journey stage, at a time.
func (r *Rollup) Reached(customerID int64, touchpoint string, at time.Time) {
	if touchpoint == "" {
		return
	}
	k := reachKey{customerID, touchpoint}
	if cur, ok := r.reach[k]; !ok || at.Before(cur) {
		r.reach[k] = at
	}
}

// Score counts one scored answer (sign +1) or takes one back (sign −1).
// Scores outside 0–10 are not scores and are ignored.
func (r *Rollup) Score(at time.Time, surveyID int64, question, kind, touchpoint, channel, language string, score, sign int) {
	if score < 0 || score > 10 {
		return
	}
	k := scoreKey{DayOf(at, r.loc), surveyID, question, kind, touchpoint, channel, language}
	a := r.scores[k]
	if a == nil {
		a = &hist{}
		r.scores[k] = a
	}
	a.score(score, int64(sign))
}
