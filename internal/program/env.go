package program

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// EnvFor gathers what validation needs to know of the workspace: its
// touchpoints, surveys and teams, and which event names it records or
// maps (a trigger on an event nobody sends would never start).
func EnvFor(ctx context.Context, tx *store.Tx, ws *workspace.Workspace) (*Env, error) {
	env := &Env{Now: tx.Now, Location: ws.Location(), Touchpoints: map[string]bool{}, Surveys: map[int64]bool{}, Teams: map[string]bool{}}
	if err := names(ctx, tx, `SELECT key FROM touchpoints WHERE workspace_id = ?`, ws.ID, env.Touchpoints); err != nil {
		return nil, err
	}
	if err := names(ctx, tx, `SELECT name FROM teams WHERE workspace_id = ?`, ws.ID, env.Teams); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT id FROM surveys WHERE workspace_id = ?`, ws.ID)
	if err != nil {
		return nil, errs.Wrap("program.EnvFor", err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		env.Surveys[id] = true
	}
	rows.Close()
	env.KnownEvent = func(name string) bool { return knownEvent(ctx, tx, ws.ID, name, env.Touchpoints) }
	return env, nil
}

func names(ctx context.Context, tx *store.Tx, q string, wsID int64, into map[string]bool) error {
	rows, err := tx.Query(ctx, q, wsID)
	if err != nil {
		return errs.Wrap("program.EnvFor", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		into[s] = true
	}
	return rows.Err()
}

// knownEvent reports whether the workspace maps the event name, has
// recorded it, or has a touchpoint of that key.
func knownEvent(ctx context.Context, tx *store.Tx, wsID int64, name string, touchpoints map[string]bool) bool {
	if name == "" {
		return false
	}
	if touchpoints[name] {
		return true
	}
	var n int
	if tx.QueryRow(ctx, `SELECT COUNT(*) FROM event_mappings WHERE workspace_id = ? AND event = ?`, wsID, name).Scan(&n) == nil && n > 0 {
		return true
	}
	err := tx.QueryRow(ctx, `SELECT 1 FROM events WHERE workspace_id = ? AND name = ? LIMIT 1`, wsID, name).Scan(&n)
	return err == nil
}
