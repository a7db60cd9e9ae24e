package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/onboard"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// ScaleOptions size a load-test data set.
type ScaleOptions struct {
	Customers, Events, Responses int
	Now                          time.Time
	Seed                         uint64
	Progress                     func(what string, done, total int)
}

// ScaleSlug names the load-test workspace.
const ScaleSlug = "scale-test"

// LoadScale fills a workspace with many customers, events and survey
// responses spread over the last year, written in bulk, then builds the
// analytics rollups from them. It is for benchmarks, not for people.
func LoadScale(ctx context.Context, db *store.DB, opt ScaleOptions) (int64, error) {
	res, err := onboard.Workspace(ctx, db, onboard.Request{
		Workspace:  workspace.Workspace{Name: "Scale test", Slug: ScaleSlug, Language: "fa"},
		AdminEmail: "scale@tajrobe.local", AdminPassword: AdminPassword, JoinExisting: true,
	})
	if err != nil {
		return 0, err
	}
	l := &scaleLoader{db: db, ws: res.WorkspaceID, opt: opt, r: rand.New(rand.NewPCG(opt.Seed, 99))}
	if db.Dialect == store.SQLite {
		// A bulk load touches indexes far larger than the default page
		// cache; 1 GiB on the one writer connection keeps them in memory.
		if _, err := db.Exec(ctx, "PRAGMA cache_size = -1048576"); err != nil {
			return 0, err
		}
	}
	steps := []func(context.Context) error{l.customers, l.survey, l.events, l.responses}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return 0, err
		}
	}
	return l.ws, analytics.Rebuild(ctx, db, l.ws)
}

type scaleLoader struct {
	db       *store.DB
	ws       int64
	opt      ScaleOptions
	r        *rand.Rand
	first    int64 // first customer id
	surveyID int64
}

// bulk inserts rows through multi-row INSERT statements of up to 100 rows,
// committing every 50,000 rows.
func (l *scaleLoader) bulk(ctx context.Context, what, head string, cols, total int, row func(i int) []any) error {
	const perStmt, perTx = 100, 50_000
	one := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	for start := 0; start < total; start += perTx {
		end := min(start+perTx, total)
		err := l.db.InTx(ctx, func(tx *store.Tx) error {
			for i := start; i < end; i += perStmt {
				n := min(perStmt, end-i)
				args := make([]any, 0, n*cols)
				for j := i; j < i+n; j++ {
					args = append(args, row(j)...)
				}
				if _, err := tx.Exec(ctx, head+" VALUES "+strings.TrimSuffix(strings.Repeat(one+",", n), ","), args...); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if l.opt.Progress != nil {
			l.opt.Progress(what, end, total)
		}
	}
	return nil
}

func (l *scaleLoader) customers(ctx context.Context) error {
	now := store.Millis(l.opt.Now)
	if err := l.bulk(ctx, "customers", "INSERT INTO customers (workspace_id, traits, created_at, updated_at)", 4, l.opt.Customers,
		func(i int) []any { return []any{l.ws, fmt.Sprintf(`{"has_kids":%t}`, i%3 == 0), now, now} }); err != nil {
		return err
	}
	return l.db.QueryRow(ctx, "SELECT MIN(id) FROM customers WHERE workspace_id = ?", l.ws).Scan(&l.first)
}

func (l *scaleLoader) survey(ctx context.Context) error {
	return l.db.InTx(ctx, func(tx *store.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO surveys (workspace_id, name, status, questions, created_at, updated_at)
			VALUES (?, 'Scale NPS', 'published', ?, ?, ?) RETURNING id`, l.ws,
			`[{"id":"nps","kind":"nps","text":{"en":"How likely…"}},{"id":"csat","kind":"csat","text":{"en":"How satisfied…"}}]`,
			store.Millis(l.opt.Now), store.Millis(l.opt.Now)).Scan(&l.surveyID)
	})
}

// when is a moment in the last year.
func (l *scaleLoader) when() int64 {
	return store.Millis(l.opt.Now.Add(-time.Duration(l.r.Int64N(int64(365 * 24 * time.Hour)))))
}

func (l *scaleLoader) touchpoint() journey.Touchpoint {
	return journey.DefaultRetail[l.r.IntN(len(journey.DefaultRetail))]
}

func (l *scaleLoader) events(ctx context.Context) error {
	return l.bulk(ctx, "events", `INSERT INTO events (workspace_id, customer_id, message_id, type, name, touchpoint, channel,
		signal, properties, context, occurred_at, received_at)`, 12, l.opt.Events, func(i int) []any {
		tp, at := l.touchpoint(), l.when()
		return []any{l.ws, l.first + int64(l.r.IntN(l.opt.Customers)), fmt.Sprintf("s%010d", i), "track", "Scale Event",
			tp.Key, tp.Channel, l.r.IntN(5) - 2, "{}", "{}", at, at}
	})
}

// responses writes each response with an NPS answer and a CSAT answer.
func (l *scaleLoader) responses(ctx context.Context) error {
	var firstResponse int64
	err := l.bulk(ctx, "responses", `INSERT INTO survey_responses (workspace_id, survey_id, customer_id, source_key, touchpoint,
		channel, language, status, metric, score, started_at, updated_at, completed_at)`, 13, l.opt.Responses, func(i int) []any {
		tp, at := l.touchpoint(), l.when()
		return []any{l.ws, l.surveyID, l.first + int64(l.r.IntN(l.opt.Customers)), fmt.Sprintf("r%010d", i), tp.Key, "web", "fa",
			"complete", "nps", l.r.IntN(11), at, at, at}
	})
	if err != nil {
		return err
	}
	if err := l.db.QueryRow(ctx, "SELECT MIN(id) FROM survey_responses WHERE workspace_id = ?", l.ws).Scan(&firstResponse); err != nil {
		return err
	}
	return l.bulk(ctx, "answers", `INSERT INTO survey_answers (workspace_id, survey_id, response_id, customer_id, question, kind,
		score, touchpoint, channel, language, answered_at)`, 11, 2*l.opt.Responses, func(i int) []any {
		tp, at := l.touchpoint(), l.when()
		q, kind, score := "nps", "nps", l.r.IntN(11)
		if i%2 == 1 {
			q, kind, score = "csat", "csat", 1+l.r.IntN(5)
		}
		return []any{l.ws, l.surveyID, firstResponse + int64(i/2), nil, q, kind, score, tp.Key, "web", "fa", at}
	})
}
