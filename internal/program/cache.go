package program

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// A version customers entered never changes (Save makes a new one), so
// it is kept in memory; a program's status and a workspace's active
// programs are read again after fresh, so a pause on one node reaches
// the others within that time.
const fresh = 2 * time.Second

var cache = struct {
	sync.Mutex
	versions   map[[2]int64]*Program
	status     map[int64]stamped[string]
	active     map[int64]stamped[[]*Program]
	workspaces map[int64]*workspace.Workspace
}{versions: map[[2]int64]*Program{}, status: map[int64]stamped[string]{}, active: map[int64]stamped[[]*Program]{},
	workspaces: map[int64]*workspace.Workspace{}}

type stamped[T any] struct {
	v  T
	at time.Time
}

// forget drops what is cached of a program and its workspace's list.
func forget(wsID, programID int64) {
	cache.Lock()
	defer cache.Unlock()
	delete(cache.status, programID)
	delete(cache.active, wsID)
	for k := range cache.versions {
		if k[0] == programID {
			delete(cache.versions, k)
		}
	}
}

// loadVersion returns one version of a program and the program's status.
func loadVersion(ctx context.Context, q queryer, id int64, version int) (*Program, string, error) {
	status, err := programStatus(ctx, q, id)
	if err != nil {
		return nil, "", err
	}
	key := [2]int64{id, int64(version)}
	cache.Lock()
	p := cache.versions[key]
	cache.Unlock()
	if p != nil {
		return p, status, nil
	}
	var raw []byte
	err = q.QueryRow(ctx, `SELECT body FROM program_versions WHERE program_id = ? AND version = ?`, id, version).Scan(&raw)
	if err != nil {
		return nil, "", errs.Wrap("program.version", err)
	}
	var b body
	if err := json.Unmarshal(raw, &b); err != nil {
		return nil, "", errs.Wrap("program.version", err)
	}
	p = &Program{ID: id, Version: version}
	b.into(p)
	cache.Lock()
	cache.versions[key] = p
	cache.Unlock()
	return p, status, nil
}

func programStatus(ctx context.Context, q queryer, id int64) (string, error) {
	cache.Lock()
	s, ok := cache.status[id]
	cache.Unlock()
	if ok && time.Since(s.at) < fresh {
		return s.v, nil
	}
	var status string
	err := q.QueryRow(ctx, `SELECT status FROM programs WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return Archived, nil // deleted: its customers leave
	}
	if err != nil {
		return "", errs.Wrap("program.status", err)
	}
	cache.Lock()
	cache.status[id] = stamped[string]{status, time.Now()}
	cache.Unlock()
	return status, nil
}

// activePrograms returns the workspace's active programs at their current
// versions, for the triggers.
func activePrograms(ctx context.Context, tx *store.Tx, wsID int64) ([]*Program, error) {
	cache.Lock()
	s, ok := cache.active[wsID]
	cache.Unlock()
	if ok && time.Since(s.at) < fresh {
		return s.v, nil
	}
	rows, err := tx.Query(ctx, `SELECT id, version FROM programs WHERE workspace_id = ? AND status = 'active'`, wsID)
	if err != nil {
		return nil, errs.Wrap("program.active", err)
	}
	var keys [][2]int64
	for rows.Next() {
		var k [2]int64
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return nil, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	var out []*Program
	for _, k := range keys {
		p, _, err := loadVersion(ctx, tx, k[0], int(k[1]))
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	cache.Lock()
	cache.active[wsID] = stamped[[]*Program]{out, time.Now()}
	cache.Unlock()
	return out, nil
}

func cachedWorkspace(id int64) (*workspace.Workspace, bool) {
	cache.Lock()
	defer cache.Unlock()
	ws, ok := cache.workspaces[id]
	return ws, ok
}

func keepWorkspace(ws *workspace.Workspace) {
	cache.Lock()
	defer cache.Unlock()
	cache.workspaces[ws.ID] = ws
}
