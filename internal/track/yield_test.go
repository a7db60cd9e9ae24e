package track

import (
	"testing"
	"time"
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
	in := &Ingester{inbox: newInbox(), quit: make(chan struct{})}
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

	in.inbox.staged(applyDefer)
	if !yieldReturns(in, hour) {
		t.Fatalf("with %d events waiting the applier rested; beyond applyDefer it should apply at once", in.inbox.waiting())
	}
	close(stop)

	in.inbox.applied(applyDefer)
	if in.inbox.waiting() == 0 || in.inbox.waiting() > 1_000 {
		t.Fatalf("waiting = %d after applying the large staging, want the stream's few hundred", in.inbox.waiting())
	}
	if !yieldReturns(in, hour) {
		t.Fatal("after the stream stopped the applier rested; it should apply at once")
	}
	in.inbox.applied(1_000)
	if in.inbox.waiting() != 0 {
		t.Fatalf("waiting = %d after applying other nodes' rows too, want 0", in.inbox.waiting())
	}
}
