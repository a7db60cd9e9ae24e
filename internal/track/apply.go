package track

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// applyEvents is about how many events one applying transaction takes:
// enough to amortise the commit, few enough to hold SQLite's single writer
// for tens of milliseconds, not hundreds. While a stream arrives it takes
// applyEventsBusy: its rests come oftener and shorter, and the requests
// that share the cores with it wait less behind it. On PostgreSQL, where
// a round also costs two queries and a commit in another process, a busy
// round takes applyEventsBusyPG.
const (
	applyEvents       = 1000
	applyEventsBusy   = 100
	applyEventsBusyPG = 250
)

// roundEvents is how many events the next applying transaction takes.
func (in *Ingester) roundEvents() int {
	switch {
	case !in.inbox.recent(receiving):
		return applyEvents
	case in.db.Dialect == store.Postgres:
		return applyEventsBusyPG
	}
	return applyEventsBusy
}

// applyPoll is how often the applier looks at the inbox without being
// woken: for rows another node staged and died before applying, and for
// rows a crash left behind.
const applyPoll = time.Second

// applyGather is how long the applier lets staged rows gather once woken:
// a transaction's fixed costs (the commit, the workspace's rules and
// rollups) are then shared by many requests' events, not a few.
const applyGather = 20 * time.Millisecond

// applyLoop moves staged events into the events table until Close; then it
// empties the inbox of what this node staged, so a command that ingests
// and exits leaves nothing behind.
func (in *Ingester) applyLoop() {
	defer in.applyWG.Done()
	tick := time.NewTicker(applyPoll)
	defer tick.Stop()
	for {
		in.applyAll()
		select {
		case <-in.inbox.wake:
			select {
			case <-time.After(applyGather):
			case <-in.quit:
			}
		case <-tick.C:
		case <-in.quit:
			for in.inbox.busy() && in.applyAll() {
			}
			return
		}
	}
}

// applyAll applies inbox rows until none is left, and reports whether it
// could reach the database.
func (in *Ingester) applyAll() bool {
	for {
		mark, began := in.inbox.mark(), time.Now()
		n, err := in.applyOnce()
		if err != nil {
			in.opt.Log.Warn("applying the event inbox failed; retrying", "err", err)
			select {
			case <-time.After(time.Second):
			case <-in.quit:
			}
			return false
		}
		if n == 0 {
			in.inbox.drained(mark)
			return true
		}
		in.yield(time.Since(began))
	}
}

// applyYield is how many times its own working time the applier rests
// while this node is taking in a heavy stream: the stream is then answered
// with the cores the applier leaves, at the speed of staging, and the
// inbox is worked off in the quieter moments after.
const applyYield = 3

// receiving is how recent a staging must be for the stream to count as
// still arriving.
const receiving = 50 * time.Millisecond

// applyDefer and applyLag bound what the applier lets wait while it
// rests: a million events (some 450 MB of inbox on disk), and events
// received 15 s before the ones it applies. Beyond either, the stream is
// heavier than this node applies with what the stream leaves it, not a
// burst, and applying gets every chance again: under such a stream events
// reach the timelines about 15 s after they were answered.
const (
	applyDefer = 1_000_000
	applyLag   = 15 * time.Second
)

// yield rests the applier after a transaction that took worked, while
// events keep arriving, up to applyYield times worked.
func (in *Ingester) yield(worked time.Duration) {
	until := time.Now().Add(applyYield * worked)
	for in.inbox.recent(receiving) && in.inbox.waiting() < applyDefer && in.inbox.lag(in.db.Now()) < applyLag {
		left := time.Until(until)
		if left <= 0 {
			return
		}
		select {
		case <-time.After(min(left, receiving)):
		case <-in.quit:
			return
		}
	}
}

// claimed is an inbox row taken by one applying transaction.
type claimed struct {
	id, ws int64
	events []*Event
}

// applyOnce applies the oldest rows, up to about applyEvents events, and
// returns how many rows it applied.
func (in *Ingester) applyOnce() (int, error) {
	switch in.spool {
	case nil:
		return 0, nil
	case in.db:
		return in.applyShared()
	}
	return in.applyCompanion()
}

// applyShared applies rows of the inbox table (PostgreSQL, where the inbox
// shares the database) in one transaction that also deletes them. If that
// transaction fails with the database reachable, each row is applied on
// its own (applyAlone), so one bad event cannot hold the rest.
func (in *Ingester) applyShared() (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	var rows []claimed
	var events []*Event
	var learned []learnt
	err := in.db.InTx(ctx, func(tx *store.Tx) error {
		learned = learned[:0]
		var err error
		if rows, err = claim(ctx, tx, in.roundEvents()); err != nil || len(rows) == 0 {
			return err
		}
		events = eventsOf(rows)
		if err := write(ctx, tx, events, &writeEnv{known: in.known, learned: &learned, stmts: in.stmts}); err != nil {
			return err
		}
		return deleteRows(ctx, tx, rows)
	})
	if err == nil {
		in.known.learn(learned, in.db.Now())
		in.inbox.applied(events)
		return len(rows), nil
	}
	return in.applyEach(rows, err)
}

// applyCompanion applies rows of the companion file: in one transaction of
// the main database, then deletes them from the companion.
func (in *Ingester) applyCompanion() (int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	rows, err := readRows(ctx, in.spool, in.roundEvents())
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	events := eventsOf(rows)
	if err := in.commit(events); err != nil {
		return in.applyEach(rows, err)
	}
	in.inbox.applied(events)
	if err := in.spool.InTx(ctx, func(tx *store.Tx) error { return deleteRows(ctx, tx, rows) }); err != nil {
		return 0, err
	}
	in.copyBack(ctx)
	return len(rows), nil
}

// copyEvery is how often, at most, the applier copies the companion's WAL
// back while a stream arrives; rounds then come every few milliseconds.
const copyEvery = 100 * time.Millisecond

// copyBack copies the companion's WAL back into its file, here rather
// than in a staging commit, so a request never waits for it. The WAL
// starts over when the stream pauses, or, if the stream does not, once it
// is large. What cannot be copied now is copied the next time.
func (in *Ingester) copyBack(ctx context.Context) {
	restartMB := 16
	if in.inbox.recent(receiving) {
		if time.Since(in.copied) < copyEvery {
			return
		}
		restartMB = 256
	}
	in.copied = time.Now()
	if err := in.spool.Checkpoint(ctx, restartMB); err != nil {
		in.opt.Log.Warn("checkpointing the event inbox failed", "err", err)
	}
}

// applyEach applies rows one by one after applying them together failed.
func (in *Ingester) applyEach(rows []claimed, cause error) (int, error) {
	if !in.reachable() || len(rows) == 0 {
		return 0, cause
	}
	in.opt.Log.Warn("applying inbox rows together failed; applying them one by one", "rows", len(rows), "err", cause)
	for _, r := range rows {
		if err := in.applyAlone(r); err != nil {
			return 0, err
		}
		in.inbox.applied(r.events)
	}
	return len(rows), nil
}

func eventsOf(rows []claimed) []*Event {
	var events []*Event
	for _, r := range rows {
		events = append(events, r.events...)
	}
	return events
}

// applyAlone stores one row's events as the group commit stores a failed
// group's: together, else one by one, each that fails on its own going to
// the failed-events store. Then it deletes the row. A crash in between
// applies the row again, and the stored message ids make that harmless.
func (in *Ingester) applyAlone(r claimed) error {
	if err := in.commitAlone(r.events); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	return in.spool.InTx(ctx, func(tx *store.Tx) error { return deleteRows(ctx, tx, []claimed{r}) })
}

// claimLook is how many of the oldest inbox rows claim looks at to pick a
// round's events: a burst of single-event requests stages many small rows.
const claimLook = 256

// claim takes the oldest rows of the inbox table (PostgreSQL), about
// limit events' worth, each locked; rows other nodes hold are
// skipped, so several nodes apply the inbox side by side. It picks the
// rows by their event counts first, then locks and reads only those: two
// queries a round, however small the rows. Rows it cannot read are passed
// over.
func claim(ctx context.Context, tx *store.Tx, limit int) ([]claimed, error) {
	for after := int64(0); ; {
		ids, err := oldestRows(ctx, tx, after, limit)
		if err != nil || len(ids) == 0 {
			return nil, err
		}
		rows, err := lockRows(ctx, tx, ids)
		if err != nil || len(rows) > 0 {
			return rows, err
		}
		after = ids[len(ids)-1]
	}
}

// lockRows locks and reads the rows named, skipping those another node
// holds.
func lockRows(ctx context.Context, tx *store.Tx, ids []int64) ([]claimed, error) {
	q, err := tx.Query(ctx, `SELECT id, workspace_id, payload FROM event_inbox WHERE id = ANY(?) ORDER BY id FOR UPDATE SKIP LOCKED`, ids)
	if err != nil {
		return nil, err
	}
	defer q.Close()
	var rows []claimed
	for q.Next() {
		var r claimed
		var payload []byte
		if err := q.Scan(&r.id, &r.ws, &payload); err != nil {
			return nil, err
		}
		if r.events, err = decodeEvents(payload, r.ws); err != nil {
			// Written by a newer version, or damaged: leave it for a node
			// that can read it rather than lose it or stop the inbox.
			continue
		}
		rows = append(rows, r)
	}
	return rows, q.Err()
}

// oldestRows returns the ids of the oldest inbox rows after the id after
// that together hold about limit events.
func oldestRows(ctx context.Context, tx *store.Tx, after int64, limit int) ([]int64, error) {
	q, err := tx.Query(ctx, `SELECT id, events FROM event_inbox WHERE id > ? ORDER BY id LIMIT ?`, after, claimLook)
	if err != nil {
		return nil, err
	}
	defer q.Close()
	var ids []int64
	for total := 0; total < limit && q.Next(); {
		var id int64
		var n int
		if err := q.Scan(&id, &n); err != nil {
			return nil, err
		}
		ids, total = append(ids, id), total+n
	}
	return ids, q.Err()
}

// readRows reads the oldest rows of a companion inbox, which one node
// owns, in one query: a burst of single-event requests stages many small
// rows, and a query each would cost more than applying them.
func readRows(ctx context.Context, spool *store.DB, limit int) ([]claimed, error) {
	q, err := spool.Query(ctx, `SELECT id, workspace_id, events, payload FROM event_inbox ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer q.Close()
	var rows []claimed
	total := 0
	for total < limit && q.Next() {
		var r claimed
		var n int
		var payload []byte
		if err := q.Scan(&r.id, &r.ws, &n, &payload); err != nil {
			return nil, err
		}
		if r.events, err = decodeEvents(payload, r.ws); err != nil {
			continue // as in claim: left for a node that can read it
		}
		rows, total = append(rows, r), total+n
	}
	return rows, q.Err()
}

// deleteRows deletes applied rows: on PostgreSQL in one statement of one
// shape, whatever the count, so its plan is prepared once a connection.
func deleteRows(ctx context.Context, tx *store.Tx, rows []claimed) error {
	if tx.Dialect() == store.Postgres {
		ids := make([]int64, len(rows))
		for i, r := range rows {
			ids[i] = r.id
		}
		_, err := tx.Exec(ctx, `DELETE FROM event_inbox WHERE id = ANY(?)`, ids)
		return err
	}
	return chunks(len(rows), sqliteChunk, func(lo, hi int) error {
		args := make([]any, 0, hi-lo)
		for _, r := range rows[lo:hi] {
			args = append(args, r.id)
		}
		_, err := tx.Exec(ctx, `DELETE FROM event_inbox WHERE id IN (`+placeholders(hi-lo)+`)`, args...)
		return err
	})
}
