// Package store opens Tajrobe's database, SQLite embedded or PostgreSQL,
// and gives the domain packages one way to run plain SQL on either.
//
// SQL is written once with '?' placeholders in the subset both engines
// share; the store rebinds it for PostgreSQL. Where the engines differ a
// caller switches on DB.Dialect with both branches in view.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Dialect names a database engine.
type Dialect int

// The supported engines.
const (
	SQLite Dialect = iota
	Postgres
)

// String names the engine.
func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// DB is an open Tajrobe database. SQLite gets one writer connection and a
// pool of readers; PostgreSQL shares one pool for both.
type DB struct {
	Dialect Dialect
	file    string // the SQLite file; empty on PostgreSQL
	w, r    *sql.DB
	now     func() time.Time
	rebound sync.Map // query text → rebound text, for PostgreSQL
}

// Options tune how the database is opened.
type Options struct {
	MaxConns int              // PostgreSQL pool size and SQLite readers; 0 picks a default
	Now      func() time.Time // the clock; nil means time.Now
	CacheMB  int              // SQLite page cache of each connection; 0 means 32 MB
	// CheckpointMB is how much WAL SQLite's writer lets grow before it
	// checkpoints; 0 means 64 MB (see openSQLite). A negative value turns
	// the writer's checkpoints off: the owner calls Checkpoint instead.
	CheckpointMB int
}

// Open opens the database named by target: a postgres:// URL, or a SQLite
// file or directory (a directory gets tajrobe.db inside it).
func Open(ctx context.Context, target string, opt Options) (*DB, error) {
	const op = "store.Open"
	db := &DB{now: opt.Now}
	if db.now == nil {
		db.now = time.Now
	}
	var err error
	if IsPostgresURL(target) {
		db.Dialect = Postgres
		err = db.openPostgres(target, opt.MaxConns)
	} else {
		err = db.openSQLite(target, opt)
	}
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	if err := db.w.PingContext(ctx); err != nil {
		db.Close()
		return nil, &errs.Error{Op: op, Kind: errs.Unavailable, Msg: "cannot reach the database", Err: err}
	}
	return db, nil
}

// IsPostgresURL reports whether target names a PostgreSQL database.
func IsPostgresURL(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

func (db *DB) openPostgres(url string, maxConns int) error {
	if maxConns <= 0 {
		maxConns = 16
	}
	pool, err := sql.Open("pgx", url)
	if err != nil {
		return err
	}
	pool.SetMaxOpenConns(maxConns)
	pool.SetMaxIdleConns(maxConns)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	db.w, db.r = pool, pool
	return nil
}

// SQLiteFile returns the database file for a SQLite target: the target
// itself when it ends in .db, otherwise tajrobe.db inside that directory.
func SQLiteFile(target string) string {
	if strings.HasSuffix(target, ".db") || strings.HasSuffix(target, ".sqlite") {
		return target
	}
	return filepath.Join(target, "tajrobe.db")
}

func (db *DB) openSQLite(target string, opt Options) error {
	file := SQLiteFile(target)
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		return fmt.Errorf("create the data directory: %w", err)
	}
	// busy_timeout first so the pragmas after it wait rather than fail.
	cacheMB, checkpointMB, readers := opt.CacheMB, opt.CheckpointMB, opt.MaxConns
	if cacheMB <= 0 {
		cacheMB = 32
	}
	if checkpointMB == 0 {
		checkpointMB = 64
	}
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_pragma=temp_store(MEMORY)" +
		fmt.Sprintf("&_pragma=cache_size(-%d)", cacheMB*1000)
	// The writer checkpoints the WAL every 64 MB by default instead of
	// SQLite's 4 MB: a page written by many commits in between is copied
	// to the database once, which under a heavy event stream cut the
	// writer's page writes (see docs/benchmarks.md, Ingestion).
	checkpoint := fmt.Sprintf("&_pragma=wal_autocheckpoint(%d)", checkpointMB<<20/4096)
	if checkpointMB < 0 {
		// The WAL is copied back by Checkpoint, off the writer's path; once
		// it has been, the next write starts it over, cut to 16 MB.
		checkpoint = "&_pragma=wal_autocheckpoint(0)&_pragma=journal_size_limit(16777216)"
	}
	w, err := sql.Open("sqlite", "file:"+file+"?"+pragmas+checkpoint+"&_txlock=immediate")
	if err != nil {
		return err
	}
	w.SetMaxOpenConns(1) // SQLite has one writer; queueing here beats SQLITE_BUSY
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	r, err := sql.Open("sqlite", "file:"+file+"?"+pragmas+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return err
	}
	if readers <= 0 {
		readers = 8
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	db.w, db.r, db.file = w, r, file
	return nil
}

// Companion opens, on SQLite, a database file of its own beside db's
// (tajrobe.db → tajrobe-name.db) with its own writer, for data that must
// not wait behind the main writer; the caller closes it. On PostgreSQL,
// where writers do not wait for each other, it returns db itself.
func (db *DB) Companion(ctx context.Context, name string) (*DB, error) {
	if db.Dialect == Postgres {
		return db, nil
	}
	ext := filepath.Ext(db.file)
	return Open(ctx, strings.TrimSuffix(db.file, ext)+"-"+name+ext, Options{MaxConns: 2, Now: db.now, CacheMB: 2, CheckpointMB: -1})
}

// Checkpoint copies what SQLite's WAL holds back into the database file,
// from a reader connection, for a database opened with a negative
// CheckpointMB. The copy runs beside the writer, which is not held, but
// under a steady stream of writes it never reaches the WAL's end, and the
// WAL only grows. So once the WAL is past restartMB, a second pass holds
// the writer back for the frames written meanwhile, and the WAL starts
// over (cut to 16 MB). On PostgreSQL it does nothing.
func (db *DB) Checkpoint(ctx context.Context, restartMB int) error {
	if db.Dialect == Postgres {
		return nil
	}
	var busy, frames, copied int
	err := db.r.QueryRowContext(ctx, `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied)
	if err != nil || frames < restartMB<<20/4096 {
		return err
	}
	return db.r.QueryRowContext(ctx, `PRAGMA wal_checkpoint(RESTART)`).Scan(&busy, &frames, &copied)
}

// Close closes every connection.
func (db *DB) Close() error {
	err := db.w.Close()
	if db.r != db.w {
		if rerr := db.r.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Now returns the store's current time, from the injectable clock.
func (db *DB) Now() time.Time { return db.now() }

// SetClock replaces the clock; tests use it to control time.
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.r.PingContext(ctx) }

// Writer returns the pool that writes, for bulk paths that need the driver.
func (db *DB) Writer() *sql.DB { return db.w }
