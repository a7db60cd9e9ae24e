package track

import (
	"context"
	"hash/fnv"
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/store"
)

// pgParts is how many partitions of people the PostgreSQL inbox has, each
// with an applier on every node: two apply half as fast again as one
// (BenchmarkIngest, docs/benchmarks.md). Every node must agree on it, and
// rows staged under another count would wait for a node that has it; a
// release that changes it must move the rows.
const pgParts = 2

// inboxParts is the partitions of the engine's inbox: SQLite has one
// writer, so one.
func inboxParts(d store.Dialect) int {
	if d == store.Postgres {
		return pgParts
	}
	return 1
}

// inboxRowEvents bounds the events of one inbox row, so one applying
// transaction stays short and the writer is never held for long.
const inboxRowEvents = 500

// inbox is what this node knows of the event inbox: whether rows it
// staged may still wait there. While they may, every group is staged, so
// a person's later events never overtake earlier ones on this node.
//
// Rows are split in partitions by person (partOf), one applier each, so
// appliers work side by side and a person's events still apply in order.
type inbox struct {
	mu      sync.Mutex
	backlog bool
	seq     uint64          // counts stagings; the appliers compare it
	empty   []uint64        // per partition: seq when its applier last found it empty
	wake    []chan struct{} // per partition: tells its applier there is work
}

func newInbox(parts int) *inbox {
	b := &inbox{empty: make([]uint64, parts), wake: make([]chan struct{}, parts)}
	for i := range b.wake {
		b.wake[i] = make(chan struct{}, 1)
	}
	return b
}

// staged records a committed staging and wakes the appliers.
func (b *inbox) staged() {
	b.mu.Lock()
	b.backlog = true
	b.seq++
	b.mu.Unlock()
	for _, w := range b.wake {
		select {
		case w <- struct{}{}:
		default:
		}
	}
}

// mark returns the staging count, taken before the applier looks.
func (b *inbox) mark() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.seq
}

// drained records that part was found empty at mark, and clears the
// backlog once every partition was found empty since the last staging.
func (b *inbox) drained(part int, mark uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.empty[part] = mark
	for _, m := range b.empty {
		if m != b.seq {
			return
		}
	}
	b.backlog = false
}

func (b *inbox) busy() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.backlog
}

// stageRequests is how many requests waiting together make a group go to
// the inbox whatever its size: each direct commit costs a few milliseconds
// of page writes, so many small requests at once are served far better by
// one inbox row now and a large applying transaction a moment later.
const stageRequests = 8

// shouldStage says whether a group of requests and events goes to the
// inbox rather than straight to the events table.
func (in *Ingester) shouldStage(requests, events int) bool {
	switch {
	case in.opt.StageAt < 0:
		return false
	case events >= in.opt.StageAt || in.inbox.busy():
		return true
	}
	return requests >= stageRequests
}

// stage commits the events to the inbox, a row per workspace and at most
// inboxRowEvents events, in one transaction.
func (in *Ingester) stage(events []*Event) error {
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	rows := inboxRows(events, len(in.inbox.wake))
	err := in.spool.InTx(ctx, func(tx *store.Tx) error {
		for _, r := range rows {
			if err := insertRow(ctx, tx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		in.inbox.staged()
	}
	return err
}

type inboxRow struct {
	ws     int64
	part   int
	events []*Event
}

// inboxRows splits a group by workspace and partition, in order, and in
// rows of at most inboxRowEvents events.
func inboxRows(events []*Event, parts int) []inboxRow {
	type key struct {
		ws   int64
		part int
	}
	var rows []inboxRow
	open := map[key]int{} // → index of its last row
	for _, e := range events {
		k := key{e.WorkspaceID, partOf(e, parts)}
		i, ok := open[k]
		if !ok || len(rows[i].events) >= inboxRowEvents {
			rows = append(rows, inboxRow{ws: k.ws, part: k.part})
			i = len(rows) - 1
			open[k] = i
		}
		rows[i].events = append(rows[i].events, e)
	}
	return rows
}

// partOf picks an event's partition by the identity that ties a person's
// calls together: the anonymous id (a visitor's track calls and the
// identify that names them carry it; an alias carries it as previousId),
// else the first identity. A person's anonymous events therefore apply in
// order, which keeps an identify from arriving after their visits and
// leaving the visits on a profile of their own.
func partOf(e *Event, parts int) int {
	if parts <= 1 || len(e.Identities) == 0 {
		return 0
	}
	id := e.Identities[0].Value
	for _, x := range e.Identities {
		if x.Kind == customer.AnonymousID {
			id = x.Value
			break
		}
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(parts))
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
