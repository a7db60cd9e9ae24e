package cli

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/clientip"
	"github.com/tajrobe/tajrobe/internal/respond"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// surveyParts are the survey pieces a server runs: the public pages and
// hooks, the timer that sends invitations and webhooks and runs the
// follow-up loop's jobs, and the scan that turns touchpoint events into
// surveys.
type surveyParts struct {
	pages   *respond.Handler
	runner  *timer.Runner
	stop    context.CancelFunc
	done    chan struct{}
	digests chan struct{}
}

// startSurveys wires the survey pages, which tell posters apart through
// clients, and starts the survey workers.
func startSurveys(ctx context.Context, env *Env, db *store.DB, log *slog.Logger, clients *clientip.Resolver) *surveyParts {
	base := publicURL(env)
	p := &surveyParts{pages: respond.New(db, log, base), runner: &timer.Runner{DB: db, Log: log}, done: make(chan struct{}),
		digests: make(chan struct{})}
	p.pages.Clients = clients
	p.runner.Handle(survey.JobSend, (&survey.Sender{DB: db, BaseURL: base}).Run)
	p.runner.Handle(survey.JobWebhook, (&survey.Webhooks{DB: db}).Run)
	p.runner.Handle(survey.JobTrigger, survey.RunTrigger(db, base))
	registerLoop(db, log, p.runner)
	programRunner(db, log, base).Register(p.runner)
	p.runner.Start(ctx)
	var sctx context.Context
	sctx, p.stop = context.WithCancel(ctx)
	go p.scan(sctx, log)
	go func() { defer close(p.digests); scheduleDigests(sctx, db, log) }()
	return p
}

// scan looks for new touchpoint events every few seconds.
func (p *surveyParts) scan(ctx context.Context, log *slog.Logger) {
	defer close(p.done)
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := survey.ScanEvents(ctx, p.pages.DB); err != nil && ctx.Err() == nil {
				log.Warn("survey triggers: scanning events failed", "err", err)
			}
		}
	}
}

// mount adds the public survey routes to the server's mounts.
func (p *surveyParts) mount(m map[string]http.Handler) {
	for pattern, h := range p.pages.Routes() {
		m[pattern] = h
	}
}

// shutdown stops the scan and the timer, waiting for jobs in hand.
func (p *surveyParts) shutdown(ctx context.Context) {
	p.stop()
	<-p.done
	<-p.digests
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	p.runner.Shutdown(ctx)
}

// publicURL is where people reach this server, for links in messages.
func publicURL(env *Env) string {
	if env.Config.BaseURL != "" {
		return strings.TrimSuffix(env.Config.BaseURL, "/")
	}
	_, port, _ := net.SplitHostPort(env.Config.Addr)
	return "http://localhost:" + port
}
