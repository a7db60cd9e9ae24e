// Package web is the console, the CX team's daily tool: server-rendered
// pages from embedded templates, in Persian and English, behind password
// sign-in with sessions stored in the database so any node serves them.
// Handlers are thin — one file per page or action — and leave queries to
// the domain packages.
package web

import (
	"embed"
	"log/slog"
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/clientip"
	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

//go:embed templates static
var assets embed.FS

// Console serves the console's pages. It keeps no state between requests
// beyond what it parsed at start-up.
type Console struct {
	db      *store.DB
	log     *slog.Logger
	cat     *locale.Catalog
	pages   map[string]*pageTemplate
	static  http.Handler
	version string
	secure  bool
	baseURL string // the public address, for survey links; "" takes the request's host
	clients *clientip.Resolver
	// sources make up a customer's timeline; domains add theirs here.
	sources []timeline.Source
	handler http.Handler
	// gapsCache reuses the gaps view for a minute; see gaps_cache.go.
	gapsCache gapsCache
}

// Options configures the console.
type Options struct {
	Version string
	// BaseURL is the public address; an https one marks cookies Secure even
	// behind a proxy that terminates TLS.
	BaseURL string
	// TimelineSources are added to the customer timeline after events,
	// consent and merges.
	TimelineSources []timeline.Source
	// Clients finds a request's client address behind trusted proxies, for
	// sign-in throttling; nil takes the connection's address.
	Clients *clientip.Resolver
}

// New parses the templates and message catalog and builds the routes.
func New(db *store.DB, log *slog.Logger, opt Options) (*Console, error) {
	cat, err := locale.NewCatalog()
	if err != nil {
		return nil, err
	}
	c := &Console{db: db, log: log, cat: cat, version: opt.Version, baseURL: strings.TrimSuffix(opt.BaseURL, "/"),
		secure: strings.HasPrefix(opt.BaseURL, "https://"), clients: opt.Clients}
	c.sources = append(customer.TimelineSources(db.Dialect), journey.TimelineSource,
		loop.TimelineSource(db.Dialect), survey.TimelineSource(db.Dialect))
	c.sources = append(c.sources, opt.TimelineSources...)
	if c.pages, err = parsePages(); err != nil {
		return nil, err
	}
	c.static = staticHandler()
	c.handler = c.build()
	return c, nil
}

// Mounts returns the console's routes by pattern, all served by one
// handler, for the API server to mount beside its own.
func (c *Console) Mounts() map[string]http.Handler {
	m := map[string]http.Handler{}
	for _, rt := range c.routes() {
		m[rt.pattern] = c.handler
	}
	return m
}

// ServeHTTP serves the console alone, as tests and benchmarks use it.
func (c *Console) ServeHTTP(w http.ResponseWriter, r *http.Request) { c.handler.ServeHTTP(w, r) }
