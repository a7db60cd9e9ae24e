package cli

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os/signal"
	"syscall"
	"time"

	"github.com/tajrobe/tajrobe/internal/api"
	"github.com/tajrobe/tajrobe/internal/clientip"
	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/config"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timeline"
	"github.com/tajrobe/tajrobe/internal/track"
	"github.com/tajrobe/tajrobe/internal/web"
)

func runServe(ctx context.Context, env *Env, args []string) error {
	fs, err := flags(env, "serve", "Run the Tajrobe server. Migrates the database at start; any number of nodes may share one PostgreSQL.",
		config.DB, config.Addr, config.BaseURL, config.LogLevel, config.LogFormat, config.MaxConns, config.MaxBody, config.Shutdown,
		config.StageAt, config.Proxies)
	if err != nil {
		return err
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	log, err := logger(env)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, env)
	if err != nil {
		return err
	}
	defer db.Close()
	return serve(ctx, env, db, log, nil)
}

// serve runs the HTTP server until ctx ends or the process is signalled,
// then drains requests. ready, if set, is called with the listening URL.
func serve(ctx context.Context, env *Env, db *store.DB, log *slog.Logger, ready func(url string)) error {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	clients, err := clientip.Parse(env.Config.TrustedProxies)
	if err != nil {
		return errs.E("cli", errs.Invalid, "%s: %v", config.Env(string(config.Proxies)), err)
	}
	console, err := web.New(db, log, web.Options{Version: Version, BaseURL: env.Config.BaseURL,
		TimelineSources: []timeline.Source{comment.TimelineSource(db.Dialect)}, Clients: clients})
	if err != nil {
		return err
	}
	ingest := track.New(db, track.Options{Log: log, StageAt: env.Config.StageAt})
	defer ingest.Close() // after the HTTP server drained: applies what this node staged
	srv := &api.Server{DB: db, Log: log, Version: Version, MaxBody: env.Config.MaxBody, Mounts: console.Mounts(), Track: ingest}
	surveys := startSurveys(ctx, env, db, log, clients)
	defer surveys.shutdown(context.WithoutCancel(ctx))
	surveys.mount(srv.Mounts)
	stopComments := startComments(ctx, env, db, log)
	defer stopComments()
	handler, err := srv.Handler()
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", env.Config.Addr)
	if err != nil {
		return err
	}
	url := listenURL(ln.Addr())
	log.Info("tajrobe is serving", "url", url, "database", db.Dialect.String(), "version", Version)
	if ready != nil {
		ready(url)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "drain", env.Config.Shutdown)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), env.Config.Shutdown)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// listenURL turns the listening address into a URL a person can open.
func listenURL(addr net.Addr) string {
	host, port, _ := net.SplitHostPort(addr.String())
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}
