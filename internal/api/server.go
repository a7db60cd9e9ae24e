// Package api serves Tajrobe's JSON API under /api/v1, the health and
// metrics endpoints, and mounts the ingestion and survey handlers.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/track"
)

// Server holds what the handlers need. It keeps no state of its own
// between requests, so any number of nodes can share one database.
type Server struct {
	DB       *store.DB
	Log      *slog.Logger
	Registry *prometheus.Registry
	Version  string
	// MaxBody bounds JSON request bodies, in bytes.
	MaxBody int64
	// Mounts are extra handlers by pattern, from other packages (ingestion,
	// survey pages), served behind the same middleware.
	Mounts map[string]http.Handler
	// Track ingests events; nil starts one with the default options.
	Track *track.Ingester

	metrics    *httpMetrics
	openAPIDoc []byte
}

// Handler returns the server's routes wrapped in its middleware. It fails
// only if the embedded OpenAPI fragments do not merge, a build mistake.
func (s *Server) Handler() (http.Handler, error) {
	if s.MaxBody == 0 {
		s.MaxBody = 1 << 20
	}
	if s.Registry == nil {
		s.Registry = prometheus.NewRegistry()
	}
	doc, err := OpenAPIDocument()
	if err != nil {
		return nil, err
	}
	s.openAPIDoc = doc
	s.metrics = newHTTPMetrics(s.Registry)
	if s.Track == nil {
		s.Track = track.New(s.DB, track.Options{Log: s.Log})
	}
	s.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tajrobe_event_inbox_rows", Help: "Accepted event groups waiting in the inbox to be applied, by any node.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		n, err := s.Track.Backlog(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	}))
	s.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tajrobe_event_inbox_waiting_events", Help: "Events this node staged in the inbox and has not applied yet.",
	}, func() float64 { n, _ := s.Track.Behind(); return float64(n) }))
	s.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "tajrobe_event_inbox_lag_seconds", Help: "How long before now the newest event this node applied was received, while events wait; during a burst up to about 15 s.",
	}, func() float64 { _, lag := s.Track.Behind(); return lag.Seconds() }))
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.Pattern, rt.Handler)
	}
	for pattern, h := range s.Mounts {
		mux.Handle(pattern, h)
	}
	return s.withRequestID(s.withRecover(s.withMetrics(s.withLog(mux)))), nil
}
