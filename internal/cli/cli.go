// Package cli is Tajrobe's command line: it parses a command, wires the
// parts together and runs them. cmd/tajrobe only calls Main.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/tajrobe/tajrobe/internal/config"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Version is set at build time with -ldflags "-X …/cli.Version=…".
var Version = "dev"

// Env is what every command gets from the process: its streams, its
// environment and the settings it parsed.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Config         config.Config
}

// command is one subcommand: its one-line summary and how to run it.
type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands lists the subcommands; later issues add theirs here.
func commands() map[string]command {
	return map[string]command{
		"serve":     {"run the server", runServe},
		"init":      {"create the schema, a workspace, an admin and keys", runInit},
		"migrate":   {"apply the database migrations", runMigrate},
		"demo":      {"start the server on a fresh database full of demo data", runDemo},
		"version":   {"print the version", runVersion},
		"analytics": {"analytics rebuild | bench: recompute rollups, or time the views on a large data set", runAnalytics},
		"events":    {"events replay: retry the events that could not be stored", runEvents},
		"import":    {"import events FILE: import event history from NDJSON or CSV", runImport},
		"text":      {"text analyze | learn | eval: read comments, learn a workspace's model, score on a labelled file", runText},
	}
}

// Main runs the command named in args and returns the process exit code.
func Main(ctx context.Context, args []string, env *Env) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stdout, cmds)
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "tajrobe: unknown command %q\n\n", args[0])
		usage(env.Stderr, cmds)
		return 2
	}
	if env.Config == (config.Config{}) {
		env.Config = config.Default()
	}
	err := cmd.run(ctx, env, args[1:])
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
		return 0
	case errs.Is(err, errs.Invalid):
		fmt.Fprintf(env.Stderr, "tajrobe %s: %s\n", args[0], describe(err))
		return 2
	default:
		fmt.Fprintf(env.Stderr, "tajrobe %s: %s\n", args[0], describe(err))
		return 1
	}
}

// describe prefers the message meant for people.
func describe(err error) string {
	if m := errs.Message(err); m != "" {
		if f := errs.FieldOf(err); f != "" {
			return f + ": " + m
		}
		return m
	}
	return err.Error()
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "Tajrobe — customer experience management.\n\nUsage: tajrobe <command> [flags]\n\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'tajrobe <command> --help' for its flags; every flag can also be set as TAJROBE_<FLAG>.")
}

// flags makes a command's flag set, binding the given settings.
func flags(env *Env, name, synopsis string, settings ...config.Setting) (*flag.FlagSet, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: tajrobe %s [flags]\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs, env.Config.Bind(fs, env.Getenv, settings...)
}

// parse parses args, turning flag errors into Invalid errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errs.E("cli", errs.Invalid, "%v", err)
	}
	if fs.NArg() > 0 {
		return errs.E("cli", errs.Invalid, "unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// openDB opens and migrates the configured database.
func openDB(ctx context.Context, env *Env) (*store.DB, error) {
	db, err := store.Open(ctx, env.Config.DB, store.Options{MaxConns: env.Config.MaxConns})
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return db, nil
}

// logger builds the process logger from the settings.
func logger(env *Env) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(env.Config.LogLevel)); err != nil {
		return nil, errs.Field("cli", "log-level", "log level must be debug, info, warn or error, not %q", env.Config.LogLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(env.Config.LogFormat) {
	case "json":
		return slog.New(slog.NewJSONHandler(env.Stderr, opts)), nil
	case "text", "":
		return slog.New(slog.NewTextHandler(env.Stderr, opts)), nil
	}
	return nil, errs.Field("cli", "log-format", "log format must be text or json, not %q", env.Config.LogFormat)
}

// OSEnv is the Env of the running process.
func OSEnv() *Env {
	return &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}
