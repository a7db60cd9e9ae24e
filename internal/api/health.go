package api

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// healthz says the process is up; it touches nothing else.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	respond(w, http.StatusOK, map[string]any{"status": "ok", "version": s.Version})
}

// readyz says whether this node can serve: the database answers and its
// schema is current.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	status := map[string]any{"status": "ready", "database": s.DB.Dialect.String()}
	code := http.StatusOK
	if err := s.DB.Ping(ctx); err != nil {
		status["status"], status["error"], code = "unavailable", "the database does not answer", http.StatusServiceUnavailable
	} else if pending, err := s.DB.Pending(ctx); err != nil || len(pending) > 0 {
		status["status"], status["pending_migrations"], code = "unavailable", pending, http.StatusServiceUnavailable
	}
	respond(w, code, status)
}

func (s *Server) metricsHandler() http.Handler {
	return promhttp.HandlerFor(s.Registry, promhttp.HandlerOpts{})
}
