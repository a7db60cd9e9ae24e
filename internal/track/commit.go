package track

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
)

// commitTimeout bounds one group transaction.
const commitTimeout = 30 * time.Second

// linger is how long a group waits for more requests while the stream is
// heavy (the inbox has rows): a commit costs a few hundred microseconds
// whatever it holds, and single-event requests arrive a few at a time.
const linger = time.Millisecond

// commitLoop takes a job, then every job that queued meanwhile up to
// MaxGroup events, and commits them together. Under light load a request
// commits alone at once; under heavy load the queue fills while the
// previous group commits, so groups grow exactly when they need to, and
// while the inbox has rows a small group lingers a moment for more.
func (in *Ingester) commitLoop() {
	defer in.wg.Done()
	for j := range in.jobs {
		group, n := in.fill([]*job{j}, len(j.events), nil)
		if len(group) < stageRequests && n < in.opt.MaxGroup && in.inbox.busy() {
			t := time.NewTimer(linger)
			group, _ = in.fill(group, n, t.C)
			t.Stop()
		}
		in.commitGroup(group)
	}
}

// fill adds queued jobs to group up to MaxGroup events: those waiting now,
// or, with until set, those arriving before it fires.
func (in *Ingester) fill(group []*job, n int, until <-chan time.Time) ([]*job, int) {
	for n < in.opt.MaxGroup {
		var next *job
		var ok bool
		if until == nil {
			select {
			case next, ok = <-in.jobs:
			default:
				return group, n
			}
		} else {
			select {
			case next, ok = <-in.jobs:
			case <-until:
				return group, n
			}
		}
		if !ok {
			return group, n
		}
		group, n = append(group, next), n+len(next.events)
	}
	return group, n
}

// commitGroup commits the jobs in one transaction. If that fails, each job
// is tried alone so one bad event cannot fail its neighbours' requests.
func (in *Ingester) commitGroup(group []*job) {
	var events []*Event
	for _, j := range group {
		events = append(events, j.events...)
	}
	var err error
	if in.shouldStage(len(group), len(events)) {
		err = in.stage(events)
	} else {
		err = in.commit(events)
	}
	if err == nil {
		for _, j := range group {
			j.done <- nil
		}
		return
	}
	in.opt.Log.Warn("group commit failed; retrying its requests one by one", "events", len(events), "err", err)
	if !in.reachable() {
		for _, j := range group {
			j.done <- errs.E("track.Store", errs.Unavailable, "the database is unavailable; send the events again")
		}
		return
	}
	for _, j := range group {
		j.done <- in.commitAlone(j.events)
	}
}

// commitAlone stores one request's events; any event that fails even on its
// own goes to the failed-events store with the reason.
func (in *Ingester) commitAlone(events []*Event) error {
	if len(events) > 1 {
		if err := in.commit(events); err == nil {
			return nil
		}
	}
	for _, e := range events {
		err := in.commit([]*Event{e})
		if err == nil {
			continue
		}
		if ferr := in.saveFailed(e, err); ferr != nil {
			return errs.Wrap("track.Store", ferr)
		}
	}
	return nil
}

// commit writes events in one transaction, then remembers the identities
// it read or attached.
func (in *Ingester) commit(events []*Event) error {
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	var learned []learnt
	err := in.db.InTx(ctx, func(tx *store.Tx) error {
		learned = learned[:0] // a retried transaction learns afresh
		return write(ctx, tx, events, &writeEnv{known: in.known, learned: &learned, stmts: in.stmts})
	})
	if err == nil {
		in.known.learn(learned, in.db.Now())
	}
	return err
}

func (in *Ingester) reachable() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return in.db.Ping(ctx) == nil
}

// writeEnv is what write uses of the Ingester, and what it learns.
type writeEnv struct {
	known   *known
	learned *[]learnt
	stmts   *sqliteStmts // nil on PostgreSQL
}

// write resolves and stores events, workspace by workspace, skipping
// message ids the workspace has already stored.
//
// On PostgreSQL the statements keep the server's cached plans: each lookup
// probes a unique index per value (storedIDs, ownersOfKind), which a
// generic plan does whatever the table's size, and the foreign-key checks
// of every inserted row are planned once, not once a row.
func write(ctx context.Context, tx *store.Tx, events []*Event, env *writeEnv) error {
	byWS := map[int64][]*Event{}
	var order []int64
	for _, e := range events {
		if _, ok := byWS[e.WorkspaceID]; !ok {
			order = append(order, e.WorkspaceID)
		}
		byWS[e.WorkspaceID] = append(byWS[e.WorkspaceID], e)
	}
	for _, ws := range order {
		fresh, err := unseen(ctx, tx, env.stmts, ws, byWS[ws])
		if err != nil {
			return err
		}
		if len(fresh) == 0 {
			continue
		}
		traited, err := resolve(ctx, tx, ws, fresh, env.known, env.learned)
		if err != nil {
			return err
		}
		stored, err := insertEvents(ctx, tx, env.stmts, fresh)
		if err != nil {
			return err
		}
		if err := react(ctx, tx, ws, stored); err != nil {
			return err
		}
		if err := program.OnCustomers(ctx, tx, ws, traited); err != nil {
			return err
		}
	}
	return nil
}

// unseen drops events whose message id is already stored or repeats an
// earlier event of the group: a retried batch is acknowledged, not stored
// twice, and does not touch the profile again.
func unseen(ctx context.Context, tx *store.Tx, st *sqliteStmts, workspaceID int64, events []*Event) ([]*Event, error) {
	ids := make([]string, 0, len(events))
	seen := make(map[string]bool, len(events))
	for _, e := range events {
		if !seen[e.MessageID] {
			seen[e.MessageID] = true
			ids = append(ids, e.MessageID)
		}
	}
	stored, err := storedIDs(ctx, tx, st, workspaceID, ids)
	if err != nil {
		return nil, err
	}
	out := events[:0:0]
	for _, e := range events {
		if seen[e.MessageID] && !stored[e.MessageID] {
			seen[e.MessageID] = false // the first copy wins
			out = append(out, e)
		}
	}
	return out, nil
}
