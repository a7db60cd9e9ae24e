package track_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/track"
	"github.com/tajrobe/tajrobe/internal/track/loadtest"
)

// TestKill9KeepsEveryAcknowledgedEvent starts the real binary, loads it,
// kills it with SIGKILL mid-load, restarts it, and checks that every event
// that got a 2xx is stored exactly once; then the senders retry what was
// never acknowledged, as the SDKs do, and still nothing is doubled.
func TestKill9KeepsEveryAcknowledgedEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the real binary")
	}
	exe := filepath.Join(t.TempDir(), "tajrobe")
	if out, err := exec.Command("go", "build", "-o", exe, "github.com/tajrobe/tajrobe/cmd/tajrobe").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// Killed while writing events straight to the events table, and while
	// committing them to the inbox with the applier behind.
	for _, mode := range []string{"direct", "staged"} {
		env := "TAJROBE_INGEST_STAGE_AT=-1"
		if mode == "staged" {
			env = "TAJROBE_INGEST_STAGE_AT=1"
		}
		for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
			t.Run(mode+"/"+d.String(), func(t *testing.T) { kill9(t, exe, storetest.Target(t, d), env) })
		}
	}
}

func kill9(t *testing.T, exe, target, env string) {
	ctx := context.Background()
	srv, err := loadtest.Init(ctx, exe, target)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(ctx, env); err != nil {
		t.Fatal(err)
	}
	l := &loader{url: srv.URL, auth: "Basic " + base64.StdEncoding.EncodeToString([]byte(srv.WriteKey+":")), acked: map[string]bool{}}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() { l.send(w, stop) })
	}
	time.Sleep(1500 * time.Millisecond)
	srv.Kill()
	close(stop)
	wg.Wait()
	if len(l.acked) == 0 {
		t.Fatalf("no event was acknowledged before the kill: %s", srv.Stderr.String())
	}
	if err := srv.Start(ctx, env); err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	db, err := store.Open(ctx, target, store.Options{MaxConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	inboxApplied(t, db)
	stored := storedMessageIDs(t, db)
	for id := range l.acked {
		if stored[id] != 1 {
			t.Fatalf("acknowledged event %s is stored %d times after kill -9", id, stored[id])
		}
	}
	t.Logf("%d events acknowledged before kill -9, %d stored (the rest were in flight)", len(l.acked), len(stored))
	sent := l.retry(t)
	inboxApplied(t, db)
	stored = storedMessageIDs(t, db)
	for id, n := range stored {
		if n != 1 {
			t.Fatalf("event %s stored %d times after the retry", id, n)
		}
	}
	if len(stored) != sent {
		t.Fatalf("%d events stored after the retry, want all %d sent", len(stored), sent)
	}
}

// loader sends batches and remembers which message ids were acknowledged.
type loader struct {
	url, auth string
	mu        sync.Mutex
	acked     map[string]bool
	sent      [][]byte // every batch, for the retry
	sentIDs   [][]string
}

func (l *loader) send(w int, stop chan struct{}) {
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		default:
		}
		var b bytes.Buffer
		var ids []string
		b.WriteString(`{"batch":[`)
		for i := range 20 {
			id := fmt.Sprintf("k9-%d-%d-%d", w, n, i)
			ids = append(ids, id)
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"type":"track","messageId":%q,"userId":"u-%d","event":"Kill Test"}`, id, (w*1000+n*20+i)%500)
		}
		b.WriteString(`]}`)
		l.mu.Lock()
		l.sent, l.sentIDs = append(l.sent, b.Bytes()), append(l.sentIDs, ids)
		l.mu.Unlock()
		if l.post(b.Bytes()) == nil {
			l.mu.Lock()
			for _, id := range ids {
				l.acked[id] = true
			}
			l.mu.Unlock()
		}
	}
}

func (l *loader) post(body []byte) error {
	req, _ := http.NewRequest("POST", l.url+"/v1/batch", bytes.NewReader(body))
	req.Header.Set("Authorization", l.auth)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		return fmt.Errorf("status %d", res.StatusCode)
	}
	return nil
}

// retry resends every batch, acknowledged or not, as an SDK retries, and
// returns how many events were sent in all.
func (l *loader) retry(t *testing.T) int {
	ids := 0
	for i, b := range l.sent {
		if err := l.post(b); err != nil {
			t.Fatalf("retry: %v", err)
		}
		ids += len(l.sentIDs[i])
	}
	return ids
}

func storedMessageIDs(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT message_id, COUNT(*) FROM events GROUP BY message_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		out[id] = n
	}
	return out
}

// inboxApplied waits until the restarted server has applied what its
// predecessor and the senders left in the event inbox.
func inboxApplied(t *testing.T, db *store.DB) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		n, err := track.Pending(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("the event inbox was not applied within a minute")
}
