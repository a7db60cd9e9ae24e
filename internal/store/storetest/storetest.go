// Package storetest opens real, migrated, throw-away databases for tests:
// a SQLite file in a temporary directory, and a fresh schema in the
// PostgreSQL named by TAJROBE_TEST_POSTGRES.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/tajrobe/tajrobe/internal/store"
)

// PostgresEnv names the variable that holds the test PostgreSQL URL.
const PostgresEnv = "TAJROBE_TEST_POSTGRES"

// Each runs fn once per engine, as subtests named "sqlite" and "postgres".
// The PostgreSQL run skips, saying why, when PostgresEnv is unset.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, Open(t, store.SQLite)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Open(t, store.Postgres)) })
}

// Open returns a migrated database of the given engine that is removed when
// the test ends.
func Open(tb testing.TB, d store.Dialect) *store.DB {
	tb.Helper()
	target := Target(tb, d)
	db, err := store.Open(context.Background(), target, store.Options{})
	if err != nil {
		tb.Fatalf("open %s: %v", d, err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("migrate %s: %v", d, err)
	}
	return db
}

// Target returns a database target for the engine: a fresh SQLite file or
// a fresh PostgreSQL schema, dropped at cleanup.
func Target(tb testing.TB, d store.Dialect) string {
	tb.Helper()
	if d == store.SQLite {
		return tb.TempDir() + "/test.db"
	}
	return PostgresSchema(tb)
}

// PostgresSchema creates an empty schema in the test PostgreSQL and returns
// a URL whose connections use it; the schema is dropped at cleanup.
func PostgresSchema(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Skipf("PostgreSQL tests skipped: set %s (e.g. postgres://postgres@127.0.0.1:5432/test?sslmode=disable); .ci/run sets it", PostgresEnv)
	}
	schema := "t_" + randomHex(8)
	admin, err := store.Open(context.Background(), base, store.Options{MaxConns: 1})
	if err != nil {
		tb.Fatalf("connect to %s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	if _, err := admin.Exec(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		if db, err := store.Open(context.Background(), base, store.Options{MaxConns: 1}); err == nil {
			db.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
