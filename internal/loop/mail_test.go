package loop_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// TestAlertsWithNoMailServerDieAtOnce: a workspace with no mail server
// gets its e-mail alerts on the dead-letter list after one try, saying
// why, instead of eight failures in the log.
func TestAlertsWithNoMailServerDieAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		w := newWorld(t, db)
		w.detractorRule()
		w.answer(w.customer(1, nil), 2, "web", "")
		r := &timer.Runner{DB: db, Node: "n", Log: slog.New(slog.DiscardHandler)}
		(&loop.Service{DB: db}).Register(r)
		_, err := r.RunDue(ctx)
		must(t, err)
		dead, err := loop.Alerts(ctx, db, w.ws.ID, "dead", 10)
		must(t, err)
		if len(dead) == 0 || dead[0].Attempts != 1 || !strings.Contains(dead[0].LastError, "no mail server") {
			t.Fatalf("dead letters: %+v", dead)
		}
	})
}
