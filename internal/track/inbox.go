package track

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// inboxRowEvents bounds the events of one inbox row, so one applying
// transaction stays short and the writer is never held for long.
const inboxRowEvents = 500

// inbox is what this node knows of the event inbox: whether rows it
// staged may still wait there. While they may, every group is staged, so
// a person's later events never overtake earlier ones on this node.
type inbox struct {
	mu      sync.Mutex
	backlog bool
	seq     uint64        // counts stagings; the applier compares it
	pending int           // events this node staged and has not applied
	head    time.Time     // when the newest event applied was received
	last    time.Time     // when the last staging committed
	wake    chan struct{} // tells the applier there is work
}

func newInbox() *inbox { return &inbox{wake: make(chan struct{}, 1)} }

// staged records a committed staging of n events and wakes the applier.
func (b *inbox) staged(n int) {
	b.mu.Lock()
	b.backlog = true
	b.seq++
	b.pending += n
	b.last = time.Now()
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// mark returns the staging count, taken before the applier looks.
func (b *inbox) mark() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.seq
}

// drained clears the backlog if nothing was staged since mark.
func (b *inbox) drained(mark uint64) {
	b.mu.Lock()
	if b.seq == mark {
		b.backlog = false
	}
	b.mu.Unlock()
}

// applied records events moved to the events table. Rows of other nodes
// count too, so pending never goes below zero.
func (b *inbox) applied(events []*Event) {
	b.mu.Lock()
	b.pending = max(0, b.pending-len(events))
	for _, e := range events {
		if e.ReceivedAt.After(b.head) {
			b.head = e.ReceivedAt
		}
	}
	b.mu.Unlock()
}

// lag is how long before now the newest applied event was received: how
// far the applier is behind the stream; zero before it applied any.
func (b *inbox) lag(now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.head.IsZero() {
		return 0
	}
	return now.Sub(b.head)
}

// waiting returns the events this node staged and has not applied.
func (b *inbox) waiting() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.pending
}

func (b *inbox) busy() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.backlog
}

// recent reports whether a group was staged within d.
func (b *inbox) recent(d time.Duration) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return time.Since(b.last) < d
}

// stageRequests is how many requests waiting together make a group go to
// the inbox whatever its size: each direct commit costs a few milliseconds
// of page writes, so many small requests at once are served far better by
// one inbox row now and a large applying transaction a moment later.
const stageRequests = 8

// stageFor is how long the ingester keeps staging after a heavy group:
// between two bursts of a heavy stream the inbox empties for a moment, and
// a group written straight to the events table then would wait behind
// the applier's transaction for the single writer.
const stageFor = time.Second

// shouldStage says whether a group of requests and events goes to the
// inbox rather than straight to the events table.
func (in *Ingester) shouldStage(requests, events int) bool {
	switch {
	case in.opt.StageAt < 0:
		return false
	case events >= in.opt.StageAt || in.inbox.busy() || in.inbox.recent(stageFor):
		return true
	}
	return requests >= stageRequests
}

// stage commits the events to the inbox, a row per workspace and at most
// inboxRowEvents events, in one statement: a single round trip, committed
// on its own, so a staging costs the database one commit and no more.
func (in *Ingester) stage(events []*Event) error {
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	rows := inboxRows(events)
	at := store.Millis(in.spool.Now())
	var q strings.Builder
	q.WriteString(`INSERT INTO event_inbox (workspace_id, events, payload, received_at) VALUES `)
	args := make([]any, 0, 4*len(rows))
	for i, r := range rows {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?)")
		args = append(args, r.ws, len(r.events), encodeEvents(nil, r.events), at)
	}
	if _, err := in.spool.Exec(ctx, q.String(), args...); err != nil {
		return err
	}
	in.inbox.staged(len(events))
	return nil
}

type inboxRow struct {
	ws     int64
	events []*Event
}

// inboxRows splits a group by workspace, in order, and in rows of at most
// inboxRowEvents events.
func inboxRows(events []*Event) []inboxRow {
	var rows []inboxRow
	open := map[int64]int{} // workspace → index of its last row
	for _, e := range events {
		i, ok := open[e.WorkspaceID]
		if !ok || len(rows[i].events) >= inboxRowEvents {
			rows = append(rows, inboxRow{ws: e.WorkspaceID})
			i = len(rows) - 1
			open[e.WorkspaceID] = i
		}
		rows[i].events = append(rows[i].events, e)
	}
	return rows
}

// Flush returns once the events this node staged before the call are in
// the events table (or the failed-events store), or when ctx ends: for a
// command that reports what it stored, and for tests.
func (in *Ingester) Flush(ctx context.Context) error {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for in.inbox.busy() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
	return nil
}
