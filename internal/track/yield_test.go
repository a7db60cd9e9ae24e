package track

import (
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

// yieldReturns runs in.yield(worked) and reports whether it returned
// within a second (a yield that rests waits for an hour here).
func yieldReturns(in *Ingester, worked time.Duration) bool {
	done := make(chan struct{})
	go func() { in.yield(worked); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(time.Second):
		return false
	}
}

func TestApplierYieldsOnlyToABurst(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	in := &Ingester{db: db, inbox: newInbox(), quit: make(chan struct{})}
	fresh := func(n int) []*Event { // n events received just now
		events := make([]*Event, n)
		for i := range events {
			events[i] = &Event{}
			events[i].ReceivedAt = db.Now()
		}
		return events
	}
	defer close(in.quit)
	const hour = time.Hour / applyYield

	if !yieldReturns(in, hour) {
		t.Fatal("with nothing arriving the applier rested; it should apply at once")
	}

	stop := make(chan struct{})
	in.inbox.staged(1)
	go func() { // a stream of one event every 5 ms
		for {
			in.inbox.staged(1)
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	if yieldReturns(in, hour) {
		t.Fatal("while events arrive the applier went on at once; it should rest")
	}

	late := fresh(1)
	late[0].ReceivedAt = db.Now().Add(-applyLag - time.Second)
	in.inbox.applied(late)
	if !yieldReturns(in, hour) {
		t.Fatalf("applying events received %s ago the applier rested; beyond applyLag it should apply at once", applyLag+time.Second)
	}
	if n, lag := in.Behind(); n == 0 || lag < applyLag {
		t.Errorf("Behind = %d events, %s; want the stream's events and more than %s", n, lag, applyLag)
	}
	in.inbox.applied(fresh(1))
	if yieldReturns(in, hour) {
		t.Fatal("caught up with the stream the applier went on at once; it should rest again")
	}

	in.inbox.staged(applyDefer)
	if !yieldReturns(in, hour) {
		t.Fatalf("with %d events waiting the applier rested; beyond applyDefer it should apply at once", in.inbox.waiting())
	}
	in.inbox.applied(fresh(applyDefer))
	if in.inbox.waiting() == 0 || in.inbox.waiting() >= applyDefer {
		t.Fatalf("waiting = %d after applying the large staging, want the stream's own, under applyDefer", in.inbox.waiting())
	}
	if yieldReturns(in, hour) {
		t.Fatal("with the backlog back under applyDefer the applier went on at once; it should rest again")
	}

	close(stop)
	if !yieldReturns(in, hour) {
		t.Fatal("after the stream stopped the applier rested; it should apply at once")
	}
	in.inbox.applied(fresh(in.inbox.waiting() + 1_000))
	if in.inbox.waiting() != 0 {
		t.Fatalf("waiting = %d after applying other nodes' rows too, want 0", in.inbox.waiting())
	}
	if n, lag := in.Behind(); n != 0 || lag != 0 {
		t.Errorf("Behind = %d events, %s with nothing waiting; want 0, 0", n, lag)
	}
}
