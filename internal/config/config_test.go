package config

import (
	"flag"
	"io"
	"testing"
	"time"
)

func TestFlagBeatsEnvBeatsDefault(t *testing.T) {
	env := map[string]string{"TAJROBE_DB": "postgres://x", "TAJROBE_ADDR": ":9000", "TAJROBE_SHUTDOWN_TIMEOUT": "3s"}
	c := Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	if err := c.Bind(fs, func(k string) string { return env[k] }, DB, Addr, LogLevel, Shutdown); err != nil {
		t.Fatal(err)
	}
	if err := fs.Parse([]string{"-addr", ":7000"}); err != nil {
		t.Fatal(err)
	}
	if c.DB != "postgres://x" || c.Addr != ":7000" || c.LogLevel != "info" || c.Shutdown != 3*time.Second {
		t.Fatalf("got %+v", c)
	}
}

func TestBadEnvIsAnError(t *testing.T) {
	c := Default()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	err := c.Bind(fs, func(k string) string {
		if k == "TAJROBE_MAX_CONNS" {
			return "lots"
		}
		return ""
	}, MaxConns)
	if err == nil {
		t.Fatal("an unparsable TAJROBE_MAX_CONNS must be an error")
	}
}
