package program

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sync"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// A version customers entered never changes (Save makes a new one), so
// its parsed body is kept in memory. The key holds what the small lookup
// before it reads anyway (the version's time, the program's name and
// trigger), so one process with several databases — tests — never takes
// one database's program for another's.
var versions = struct {
	sync.Mutex
	m map[versionKey]*Program
}{m: map[versionKey]*Program{}}

type versionKey struct {
	id      int64
	version int
	created int64
	name    string
	trigger string
}

// forget drops a program's cached versions.
func forget(_, programID int64) {
	versions.Lock()
	defer versions.Unlock()
	for k := range versions.m {
		if k.id == programID {
			delete(versions.m, k)
		}
	}
}

// loadVersion returns one version of a program and the program's status
// now; a deleted program counts as archived.
func loadVersion(ctx context.Context, q queryer, id int64, version int) (*Program, string, error) {
	k := versionKey{id: id, version: version}
	var status string
	err := q.QueryRow(ctx, `SELECT p.status, p.name, p.trigger_kind, v.created_at FROM programs p
		JOIN program_versions v ON v.program_id = p.id AND v.version = ? WHERE p.id = ?`, version, id).
		Scan(&status, &k.name, &k.trigger, &k.created)
	if errors.Is(err, sql.ErrNoRows) {
		return &Program{ID: id, Version: version}, Archived, nil
	}
	if err != nil {
		return nil, "", errs.Wrap("program.version", err)
	}
	versions.Lock()
	p := versions.m[k]
	versions.Unlock()
	if p != nil {
		return p, status, nil
	}
	var raw []byte
	if err := q.QueryRow(ctx, `SELECT body FROM program_versions WHERE program_id = ? AND version = ?`, id, version).Scan(&raw); err != nil {
		return nil, "", errs.Wrap("program.version", err)
	}
	var b body
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, "", errs.Wrap("program.version", err)
	}
	p = &Program{ID: id, Version: version}
	b.into(p)
	versions.Lock()
	versions.m[k] = p
	versions.Unlock()
	return p, status, nil
}

// activePrograms returns the workspace's active programs at their current
// versions, for the triggers: one indexed lookup, the bodies from memory.
func activePrograms(ctx context.Context, tx *store.Tx, wsID int64) ([]*Program, error) {
	rows, err := tx.Query(ctx, `SELECT id, version FROM programs WHERE workspace_id = ? AND status = 'active'`, wsID)
	if err != nil {
		return nil, errs.Wrap("program.active", err)
	}
	var keys []versionKey
	for rows.Next() {
		var k versionKey
		if err := rows.Scan(&k.id, &k.version); err != nil {
			rows.Close()
			return nil, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	var out []*Program
	for _, k := range keys {
		p, _, err := loadVersion(ctx, tx, k.id, k.version)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
