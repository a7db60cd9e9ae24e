package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed migrations
var migrationFS embed.FS

// migrationLock is the PostgreSQL advisory lock key that keeps two nodes
// starting together from migrating at once.
const migrationLock = 7265640011

// Migration is one embedded, append-only schema change.
type Migration struct {
	Version string // the file name without .sql, e.g. "0001_foundation"
	SQL     string
}

// Migrations lists the engine's migrations in the order they apply.
func (db *DB) Migrations() ([]Migration, error) {
	dir := "migrations/" + db.Dialect.String()
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		body, err := fs.ReadFile(migrationFS, dir+"/"+e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: strings.TrimSuffix(e.Name(), ".sql"), SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// Migrate applies every migration not yet applied, each in its own
// transaction, and returns the versions it applied.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	all, err := db.Migrations()
	if err != nil {
		return nil, err
	}
	if db.Dialect == Postgres {
		unlock, err := db.lockMigrations(ctx)
		if err != nil {
			return nil, err
		}
		defer unlock()
	}
	if _, err := db.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied []string
	for _, m := range all {
		done, err := db.apply(ctx, m)
		if err != nil {
			return applied, fmt.Errorf("migration %s: %w", m.Version, err)
		}
		if done {
			applied = append(applied, m.Version)
		}
	}
	return applied, nil
}

// apply runs one migration unless it is recorded as applied.
func (db *DB) apply(ctx context.Context, m Migration) (bool, error) {
	applied := false
	err := db.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.tx.ExecContext(ctx, m.SQL); err != nil {
			return err
		}
		applied = true
		_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", m.Version, Millis(tx.Now))
		return err
	})
	return applied, err
}

// lockMigrations holds a PostgreSQL advisory lock on a connection of its
// own until the returned function releases it.
func (db *DB) lockMigrations(ctx context.Context) (func(), error) {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
		conn.Close()
		return nil, fmt.Errorf("take the migration lock: %w", err)
	}
	return func() {
		conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLock)
		conn.Close()
	}, nil
}

// Pending returns the versions not yet applied; readiness checks use it.
func (db *DB) Pending(ctx context.Context) ([]string, error) {
	all, err := db.Migrations()
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	rows, err := db.Query(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		done[v] = true
	}
	var pending []string
	for _, m := range all {
		if !done[m.Version] {
			pending = append(pending, m.Version)
		}
	}
	return pending, rows.Err()
}
