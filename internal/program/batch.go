package program

import (
	"context"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// batch is what the steps of one claimed batch share in their
// transaction: the enrollments read (and on PostgreSQL locked) in one
// statement, programs and workspaces read once, history lines written in
// one statement at the end.
type batch struct {
	enrollments map[int64]*enrollment
	versions    map[[2]int64]versionAt
	spaces      map[int64]*workspace.Workspace
	traits      map[int64][]byte
	people      map[int64]*person
	logs        []logRow
	saves       []saveRow
	jobs        []timer.NewJob
}

type versionAt struct {
	p      *Program
	status string
}

type logRow struct {
	e                  *enrollment
	step, kind, detail string
}

func newBatch(ctx context.Context, tx *store.Tx, jobs []stepJob) (*batch, error) {
	b := &batch{enrollments: map[int64]*enrollment{}, versions: map[[2]int64]versionAt{}, spaces: map[int64]*workspace.Workspace{},
		traits: map[int64][]byte{}, people: map[int64]*person{}}
	if len(jobs) == 0 {
		return b, nil
	}
	args := make([]any, len(jobs))
	for i, j := range jobs {
		args[i] = j.E
	}
	q := `SELECT ` + enrollmentColumns + ` FROM program_enrollments WHERE id IN (` + marks(len(jobs)) + `) ORDER BY id`
	if tx.Dialect() == store.Postgres {
		q += ` FOR UPDATE`
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, errs.Wrap("program.batch", err)
	}
	var customers []any
	for rows.Next() {
		e, err := scanEnrollment(rows)
		if err != nil {
			rows.Close()
			return nil, errs.Wrap("program.batch", err)
		}
		e.b = b
		b.enrollments[e.ID] = e
		customers = append(customers, e.CustomerID)
	}
	rows.Close()
	return b, b.readTraits(ctx, tx, customers)
}

// readTraits reads the traits of the batch's customers in one query.
func (b *batch) readTraits(ctx context.Context, tx *store.Tx, ids []any) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, `SELECT id, traits FROM customers WHERE id IN (`+marks(len(ids))+`)`, ids...)
	if err != nil {
		return errs.Wrap("program.batch", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return err
		}
		b.traits[id] = raw
	}
	return rows.Err()
}

// person returns the batch's one copy of a customer, so two steps of
// theirs in one batch see each other's changes.
func (b *batch) person(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, id int64) (*person, error) {
	if p, ok := b.people[id]; ok {
		return p, nil
	}
	raw, ok := b.traits[id]
	if !ok {
		return nil, errs.E("program.person", errs.NotExist, "customer %d does not exist in this workspace", id)
	}
	p, err := newPerson(ctx, tx, ws, id, raw)
	if err != nil {
		return nil, err
	}
	p.batched = true
	b.people[id] = p
	return p, nil
}

func (b *batch) version(ctx context.Context, tx *store.Tx, id int64, version int) (*Program, string, error) {
	k := [2]int64{id, int64(version)}
	if v, ok := b.versions[k]; ok {
		return v.p, v.status, nil
	}
	p, status, err := loadVersion(ctx, tx, id, version)
	if err == nil {
		b.versions[k] = versionAt{p, status}
	}
	return p, status, err
}

func (b *batch) workspace(ctx context.Context, tx *store.Tx, id int64) (*workspace.Workspace, error) {
	if ws, ok := b.spaces[id]; ok {
		return ws, nil
	}
	ws, err := workspaceIn(ctx, tx, id)
	if err == nil {
		b.spaces[id] = ws
	}
	return ws, err
}

// flush writes the batch's history lines, 100 to a statement.
func (b *batch) flush(ctx context.Context, tx *store.Tx) error {
	for lo := 0; lo < len(b.logs); lo += 100 {
		rows := b.logs[lo:min(lo+100, len(b.logs))]
		args := make([]any, 0, 9*len(rows))
		for _, l := range rows {
			args = append(args, l.e.WorkspaceID, l.e.ID, l.e.ProgramID, l.e.Version, l.e.CustomerID, l.step, l.kind, l.detail, store.Millis(tx.Now))
		}
		one := "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
		_, err := tx.Exec(ctx, `INSERT INTO program_log (workspace_id, enrollment_id, program_id, version, customer_id, step, kind, detail, at)
			VALUES `+strings.TrimSuffix(strings.Repeat(one+", ", len(rows)), ", "), args...)
		if err != nil {
			return errs.Wrap("program.batch", err)
		}
	}
	b.logs = b.logs[:0]
	return b.flushWrites(ctx, tx)
}

// marks is n comma-separated placeholders.
func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
