// Package config holds Tajrobe's settings in one struct, read once from
// flags and TAJROBE_* environment variables and passed down; no globals.
package config

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of every command; each command binds the ones
// it uses.
type Config struct {
	DB        string        // SQLite file or directory, or a postgres:// URL
	Addr      string        // address the HTTP server listens on
	BaseURL   string        // public URL, for links in messages
	LogLevel  string        // debug, info, warn, error
	LogFormat string        // text or json
	MaxConns  int           // database connections (PostgreSQL pool, SQLite readers)
	MaxBody   int64         // largest JSON request body, in bytes
	Shutdown  time.Duration // how long a stopping server drains requests
	// StageAt is the group of events from which ingestion commits to the
	// inbox and applies in the background (0: the default; -1: never).
	StageAt int
	// TrustedProxies lists the reverse proxies and load balancers whose
	// X-Forwarded-For names the client, comma-separated (see clientip).
	TrustedProxies string
}

// Default returns the settings a small business runs with.
func Default() Config {
	return Config{
		DB: "./tajrobe-data", Addr: ":8080", LogLevel: "info", LogFormat: "text",
		MaxBody: 1 << 20, Shutdown: 15 * time.Second,
	}
}

// Setting names one flag of a command; its environment variable is
// TAJROBE_ followed by the name in upper case with dashes as underscores.
type Setting string

// The settings a command can bind.
const (
	DB        Setting = "db"
	Addr      Setting = "addr"
	BaseURL   Setting = "base-url"
	LogLevel  Setting = "log-level"
	LogFormat Setting = "log-format"
	MaxConns  Setting = "max-conns"
	MaxBody   Setting = "max-body"
	Shutdown  Setting = "shutdown-timeout"
	StageAt   Setting = "ingest-stage-at"
	Proxies   Setting = "trusted-proxies"
)

// Env returns the environment variable for a flag name.
func Env(name string) string {
	return "TAJROBE_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// Bind registers the named settings as flags of fs. The defaults come from
// the environment when set there, so a flag beats its variable, which
// beats the built-in default. It fails on an unparsable variable.
func (c *Config) Bind(fs *flag.FlagSet, getenv func(string) string, settings ...Setting) error {
	for _, s := range settings {
		if err := c.bind(fs, getenv, s); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) bind(fs *flag.FlagSet, getenv func(string) string, s Setting) error {
	name := string(s)
	env := getenv(Env(name))
	usage := func(u string) string { return fmt.Sprintf("%s (env %s)", u, Env(name)) }
	str := func(p *string, u string) {
		if env != "" {
			*p = env
		}
		fs.StringVar(p, name, *p, usage(u))
	}
	switch s {
	case DB:
		str(&c.DB, "database: a SQLite file or directory, or a postgres:// URL")
	case Addr:
		str(&c.Addr, "address to listen on, host:port")
	case BaseURL:
		str(&c.BaseURL, "public base URL used in links (default: derived from the request)")
	case LogLevel:
		str(&c.LogLevel, "log level: debug, info, warn or error")
	case LogFormat:
		str(&c.LogFormat, "log format: text or json")
	case Proxies:
		str(&c.TrustedProxies, "reverse proxies and load balancers to take the client address from, as X-Forwarded-For says: addresses or networks, comma-separated (e.g. 10.0.0.0/8)")
	default:
		return c.bindNumber(fs, env, s, usage)
	}
	return nil
}

func (c *Config) bindNumber(fs *flag.FlagSet, env string, s Setting, usage func(string) string) error {
	name := string(s)
	var err error
	switch s {
	case MaxConns:
		if env != "" {
			c.MaxConns, err = strconv.Atoi(env)
		}
		fs.IntVar(&c.MaxConns, name, c.MaxConns, usage("database connections (0: 16 for PostgreSQL, 8 SQLite readers)"))
	case MaxBody:
		if env != "" {
			c.MaxBody, err = strconv.ParseInt(env, 10, 64)
		}
		fs.Int64Var(&c.MaxBody, name, c.MaxBody, usage("largest JSON request body in bytes"))
	case Shutdown:
		if env != "" {
			c.Shutdown, err = time.ParseDuration(env)
		}
		fs.DurationVar(&c.Shutdown, name, c.Shutdown, usage("how long a stopping server drains requests"))
	case StageAt:
		if env != "" {
			c.StageAt, err = strconv.Atoi(env)
		}
		fs.IntVar(&c.StageAt, name, c.StageAt, usage("events waiting at once from which ingestion answers after committing them to the inbox and applies them a moment later, as it does for 8 requests waiting at once (0: 300; -1: never; 1: always)"))
	default:
		return fmt.Errorf("config: unknown setting %q", s)
	}
	if err != nil {
		return fmt.Errorf("%s=%q: %v", Env(name), env, err)
	}
	return nil
}
