package survey

import (
	"context"
	"database/sql"
	"strings"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/store"
)

const insertResponseSQL = `INSERT INTO survey_responses (workspace_id, survey_id, invitation_id, customer_id, source_key,
	touchpoint, channel, language, status, metric, score, signal, started_at, updated_at, completed_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (workspace_id, source_key) DO NOTHING RETURNING id`

// upsertAnswersSQL writes n answers in one statement.
func upsertAnswersSQL(n int) string {
	rows := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
	return `INSERT INTO survey_answers (workspace_id, survey_id, response_id, customer_id, question, kind,
	score, choice, text, touchpoint, channel, language, answered_at) VALUES ` + rows + `
	ON CONFLICT (response_id, question) DO UPDATE SET score = excluded.score, choice = excluded.choice,
	text = excluded.text, answered_at = excluded.answered_at`
}

// writer runs the submission's writes, through statements prepared once
// per transaction when a batch has many submissions (parsing SQL costs
// more than running it on SQLite).
type writer struct {
	tx    *store.Tx
	ins   *sql.Stmt
	ans   map[int]*sql.Stmt           // by number of answers; nil when not preparing
	rolls map[int64]*analytics.Rollup // score changes by workspace, flushed once per transaction
}

// prepare readies the statements for a batch of submissions in tx.
func prepare(ctx context.Context, tx *store.Tx) (*writer, error) {
	w := &writer{tx: tx, ans: map[int]*sql.Stmt{}}
	var err error
	w.ins, err = tx.Prepare(ctx, insertResponseSQL)
	return w, err
}

func (w *writer) close() {
	if w.ins != nil {
		w.ins.Close()
	}
	for _, st := range w.ans {
		st.Close()
	}
}

func (w *writer) insertResponseRow(ctx context.Context, args ...any) *sql.Row {
	if w.ins != nil {
		return w.ins.QueryRowContext(ctx, args...)
	}
	return w.tx.QueryRow(ctx, insertResponseSQL, args...)
}

// upsertAnswers writes the answers of one response in one statement.
func (w *writer) upsertAnswers(ctx context.Context, sub *Submission, responseID int64, list []*Answer) error {
	if len(list) == 0 {
		return nil
	}
	args := make([]any, 0, 13*len(list))
	for _, a := range list {
		args = append(args, sub.Survey.WorkspaceID, sub.Survey.ID, responseID, nullInt(sub.CustomerID), a.Question,
			string(a.Kind), a.Score, strings.Join(a.Choices, ","), a.Text, sub.Touchpoint, sub.Channel, sub.Language,
			store.Millis(sub.At))
	}
	if w.ans == nil {
		_, err := w.tx.Exec(ctx, upsertAnswersSQL(len(list)), args...)
		return err
	}
	st := w.ans[len(list)]
	if st == nil {
		var err error
		if st, err = w.tx.Prepare(ctx, upsertAnswersSQL(len(list))); err != nil {
			return err
		}
		w.ans[len(list)] = st
	}
	_, err := st.ExecContext(ctx, args...)
	return err
}

// kept returns the submitted answers the survey's logic keeps.
func kept(sub *Submission, answers map[string]*Answer) []*Answer {
	var out []*Answer
	for _, a := range sub.Answers {
		if answers[a.Question] == a {
			out = append(out, a)
		}
	}
	return out
}

func insertResponse(ctx context.Context, w *writer, sub *Submission, answers map[string]*Answer) (int64, error) {
	metric, score, signal := summary(sub.Survey, answers)
	at := store.Millis(sub.At)
	var completed any
	if sub.Complete {
		completed = at
	}
	var id int64
	err := w.insertResponseRow(ctx, sub.Survey.WorkspaceID, sub.Survey.ID, nullInt(sub.InvitationID), nullInt(sub.CustomerID), sub.SourceKey,
		sub.Touchpoint, sub.Channel, sub.Language, status(sub.Complete), metric, score, signal, at, at, completed).Scan(&id)
	if err != nil {
		return 0, err
	}
	list := kept(sub, answers)
	if err := w.upsertAnswers(ctx, sub, id, list); err != nil {
		return 0, err
	}
	if err := w.countNew(ctx, sub, list); err != nil {
		return 0, err
	}
	return id, closeLoop(ctx, w.tx, sub, id, answers)
}

func updateResponse(ctx context.Context, w *writer, sub *Submission, old *stored, answers map[string]*Answer) error {
	before, err := scoredRows(ctx, w.tx, old.id)
	if err != nil {
		return err
	}
	for q := range old.answers {
		if answers[q] == nil {
			if _, err := w.tx.Exec(ctx, `DELETE FROM survey_answers WHERE response_id = ? AND question = ?`, old.id, q); err != nil {
				return err
			}
		}
	}
	if err := w.upsertAnswers(ctx, sub, old.id, kept(sub, answers)); err != nil {
		return err
	}
	metric, score, signal := summary(sub.Survey, answers)
	complete := old.complete || sub.Complete
	completed := any(nil)
	switch {
	case old.complete:
		completed = old.completed
	case sub.Complete:
		completed = store.Millis(sub.At)
	}
	_, err = w.tx.Exec(ctx, `UPDATE survey_responses SET status = ?, metric = ?, score = ?, signal = ?, updated_at = ?,
		completed_at = ? WHERE id = ?`, status(complete), metric, score, signal, store.Millis(sub.At), completed, old.id)
	if err != nil {
		return err
	}
	if err := w.recount(ctx, sub, old.id, before); err != nil {
		return err
	}
	return closeLoop(ctx, w.tx, sub, old.id, answers)
}
