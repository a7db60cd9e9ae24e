package store_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/store/storetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		applied, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second Migrate applied %v", applied)
		}
		pending, err := db.Pending(ctx)
		if err != nil || len(pending) != 0 {
			t.Fatalf("Pending = %v, %v", pending, err)
		}
	})
}

func TestTxRollsBackOnError(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, "INSERT INTO workspaces (name, slug, created_at) VALUES (?, ?, ?)", "x", "x", 1); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx = %v", err)
		}
		var n int
		if err := db.QueryRow(ctx, "SELECT COUNT(*) FROM workspaces").Scan(&n); err != nil || n != 0 {
			t.Fatalf("count = %d, %v; want 0 after rollback", n, err)
		}
	})
}

func TestTextRoundTripsExactly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		name := "کفش\u200cفروشی آریا 👟 'quoted' ?"
		if _, err := db.Exec(ctx, "INSERT INTO workspaces (name, slug, created_at) VALUES (?, ?, ?)", name, "aria", 1); err != nil {
			t.Fatal(err)
		}
		var got string
		if err := db.QueryRow(ctx, "SELECT name FROM workspaces WHERE slug = ?", "aria").Scan(&got); err != nil || got != name {
			t.Fatalf("got %q, %v; want %q", got, err, name)
		}
	})
}

func TestRebind(t *testing.T) {
	cases := map[string]string{
		"SELECT ?":                "SELECT $1",
		"a = ? AND b = '?' AND ?": "a = $1 AND b = '?' AND $2",
	}
	for in, want := range cases {
		if got := store.RebindForTest(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDeadlockedTransactionIsRetried makes two PostgreSQL transactions lock
// two rows in opposite orders: the one PostgreSQL aborts must be run again
// by InTx, so both commit.
func TestDeadlockedTransactionIsRetried(t *testing.T) {
	db := storetest.Open(t, store.Postgres)
	ctx := context.Background()
	for _, slug := range []string{"a", "b"} {
		if _, err := db.Exec(ctx, "INSERT INTO workspaces (name, slug, created_at) VALUES (?, ?, 0)", slug, slug); err != nil {
			t.Fatal(err)
		}
	}
	var attempts atomic.Int32
	firstLocks := make(chan struct{}, 2)
	run := func(first, second string) error {
		return db.InTx(ctx, func(tx *store.Tx) error {
			n := attempts.Add(1)
			if _, err := tx.Exec(ctx, "UPDATE workspaces SET name = name || '.' WHERE slug = ?", first); err != nil {
				return err
			}
			if n <= 2 { // only the first two attempts wait for each other
				firstLocks <- struct{}{}
				for len(firstLocks) < 2 {
					time.Sleep(time.Millisecond)
				}
			}
			_, err := tx.Exec(ctx, "UPDATE workspaces SET name = name || '.' WHERE slug = ?", second)
			return err
		})
	}
	errc := make(chan error, 2)
	go func() { errc <- run("a", "b") }()
	go func() { errc <- run("b", "a") }()
	for i := 0; i < 2; i++ {
		if err := <-errc; err != nil {
			t.Fatalf("InTx gave up: %v", err)
		}
	}
	if attempts.Load() < 3 {
		t.Fatalf("%d attempts: the deadlock never happened, so the test proves nothing", attempts.Load())
	}
	var dots int
	db.QueryRow(ctx, "SELECT SUM(LENGTH(name)) FROM workspaces").Scan(&dots)
	if dots != 2+4 {
		t.Fatalf("names hold %d characters, want each updated twice, once per transaction", dots)
	}
}

// TestCompanion: on SQLite a companion is a file of its own beside the
// database, with its own writer, so a write to it does not wait for a
// transaction open on the main file; on PostgreSQL it is the database.
func TestCompanion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c, err := db.Companion(ctx, "inbox")
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect == store.Postgres {
			if c != db {
				t.Fatal("on PostgreSQL the companion must be the database itself")
			}
			return
		}
		defer c.Close()
		if c == db {
			t.Fatal("on SQLite the companion must be a database of its own")
		}
		if _, err := c.Exec(ctx, `CREATE TABLE spool (n INTEGER)`); err != nil {
			t.Fatal(err)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `CREATE TABLE held (n INTEGER)`); err != nil {
				return err
			}
			wctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			defer cancel()
			_, err := c.Exec(wctx, `INSERT INTO spool (n) VALUES (1)`) // the main writer is held by this transaction
			return err
		})
		if err != nil {
			t.Fatalf("writing the companion while the main writer is held: %v", err)
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE name = 'spool'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("the companion's table is in the main file (%d, %v)", n, err)
		}
	})
}

// walFrames returns the frames in a SQLite file's WAL and how many of them
// are copied back.
func walFrames(t *testing.T, db *store.DB) (frames, copied int) {
	t.Helper()
	var busy int
	if err := db.QueryRow(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied); err != nil {
		t.Fatal(err)
	}
	return frames, copied
}

func TestCompanionCheckpointsOnlyWhenAsked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if db.Dialect == store.Postgres {
			if err := db.Checkpoint(ctx, 0); err != nil {
				t.Fatalf("Checkpoint on PostgreSQL: %v", err)
			}
			return
		}
		c, err := db.Companion(ctx, "inbox")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.Exec(ctx, `CREATE TABLE spool (b BLOB)`)
		write := func(mb int) {
			for range mb * 25 {
				if _, err := c.Exec(ctx, `INSERT INTO spool VALUES (randomblob(40000))`); err != nil {
					t.Fatal(err)
				}
			}
		}
		write(6) // past SQLite's own 4 MB checkpoint, which the companion turns off
		if err := c.Checkpoint(ctx, 64); err != nil {
			t.Fatal(err)
		}
		frames, copied := walFrames(t, c)
		if frames < 6<<20/4096 || copied != frames {
			t.Fatalf("after writing 6 MB and a checkpoint below its restart size, the WAL has %d frames, %d copied; want all of 6 MB, all copied", frames, copied)
		}
		if err := c.Checkpoint(ctx, 4); err != nil {
			t.Fatal(err)
		}
		write(1)
		if frames, _ := walFrames(t, c); frames > 2<<20/4096 {
			t.Fatalf("after a checkpoint past its restart size, the WAL kept %d frames; it should start over", frames)
		}
	})
}

func TestInboxPayloadsAreCompressedWherePossible(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		if db.Dialect != store.Postgres {
			t.Skip("the inbox is a table on PostgreSQL only; SQLite's is a companion file")
		}
		ctx := context.Background()
		if _, err := db.Exec(ctx, `CREATE TEMP TABLE lz4_probe (b bytea COMPRESSION lz4)`); err != nil {
			t.Skipf("this PostgreSQL has no LZ4 (%v); the migration leaves payloads uncompressed", err)
		}
		var compression, storage string
		err := db.QueryRow(ctx, `SELECT attcompression::text, attstorage::text FROM pg_attribute
			WHERE attrelid = 'event_inbox'::regclass AND attname = 'payload'`).Scan(&compression, &storage)
		if err != nil {
			t.Fatal(err)
		}
		if compression != "l" || storage != "x" {
			t.Errorf("event_inbox.payload: compression %q, storage %q; want LZ4 (l) and extended (x)", compression, storage)
		}
	})
}
