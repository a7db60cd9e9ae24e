package cli

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/respond"
	"github.com/tajrobe/tajrobe/internal/store"
)

// surveyParts are the survey pieces a server runs: the public pages and
// hooks, and the background work that sends surveys.
type surveyParts struct {
	pages *respond.Handler
}

// startSurveys wires the survey pages and starts the survey workers.
func startSurveys(ctx context.Context, env *Env, db *store.DB, log *slog.Logger) *surveyParts {
	return &surveyParts{pages: respond.New(db, log, publicURL(env))}
}

// mount adds the public survey routes to the server's mounts.
func (p *surveyParts) mount(m map[string]http.Handler) {
	for pattern, h := range p.pages.Routes() {
		m[pattern] = h
	}
}

// shutdown stops the workers, waiting for jobs in hand until ctx ends.
func (p *surveyParts) shutdown(ctx context.Context) {}

// publicURL is where people reach this server, for links in messages.
func publicURL(env *Env) string {
	if env.Config.BaseURL != "" {
		return strings.TrimSuffix(env.Config.BaseURL, "/")
	}
	_, port, _ := net.SplitHostPort(env.Config.Addr)
	return "http://localhost:" + port
}
