package survey

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
)

// What a stored submission sets off, in the transaction that stores it:
// the score rollups change by exactly what the answers changed, and the
// loop's response rules see the whole response, so a detractor's case is
// opened the moment the answer commits, whatever channel it came by.

// scoredRow is an answer row as the score rollups count it.
type scoredRow struct {
	question, kind, touchpoint, channel, language string
	at                                            int64
	score                                         int
}

// rollup returns the transaction's rollup for the workspace.
func (w *writer) rollup(ctx context.Context, workspaceID int64) (*analytics.Rollup, error) {
	if r := w.rolls[workspaceID]; r != nil {
		return r, nil
	}
	r, err := analytics.ForWorkspace(ctx, w.tx, workspaceID)
	if err != nil {
		return nil, err
	}
	if w.rolls == nil {
		w.rolls = map[int64]*analytics.Rollup{}
	}
	w.rolls[workspaceID] = r
	return r, nil
}

// flushRollups adds what the transaction's submissions changed to the
// rollups; once per transaction, however many submissions it holds.
func (w *writer) flushRollups(ctx context.Context) error {
	for _, r := range w.rolls {
		if err := r.Flush(ctx, w.tx); err != nil {
			return err
		}
	}
	return nil
}

// countNew counts the scores of a new response's answers.
func (w *writer) countNew(ctx context.Context, sub *Submission, list []*Answer) error {
	r, err := w.rollup(ctx, sub.Survey.WorkspaceID)
	if err != nil {
		return err
	}
	for _, a := range list {
		if a.Score != nil {
			r.Score(sub.At, sub.Survey.ID, a.Question, string(a.Kind), sub.Touchpoint, sub.Channel, sub.Language, *a.Score, +1)
		}
	}
	return nil
}

// recount takes back the scores a response had (before) and counts the
// ones it has now, read from the rows an edit left: an upsert keeps a
// row's touchpoint, channel and language but moves its day.
func (w *writer) recount(ctx context.Context, sub *Submission, responseID int64, before []scoredRow) error {
	after, err := scoredRows(ctx, w.tx, responseID)
	if err != nil {
		return err
	}
	r, err := w.rollup(ctx, sub.Survey.WorkspaceID)
	if err != nil {
		return err
	}
	for sign, rows := range map[int][]scoredRow{-1: before, +1: after} {
		for _, a := range rows {
			r.Score(store.Time(a.at), sub.Survey.ID, a.question, a.kind, a.touchpoint, a.channel, a.language, a.score, sign)
		}
	}
	return nil
}

// scoredRows reads the scored answers of a response.
func scoredRows(ctx context.Context, tx *store.Tx, responseID int64) ([]scoredRow, error) {
	rows, err := tx.Query(ctx, `SELECT question, kind, touchpoint, channel, language, answered_at, score
		FROM survey_answers WHERE response_id = ? AND score IS NOT NULL`, responseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []scoredRow
	for rows.Next() {
		var a scoredRow
		if err := rows.Scan(&a.question, &a.kind, &a.touchpoint, &a.channel, &a.language, &a.at, &a.score); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// closeLoop runs the loop's response rules on the stored response with
// all its answers, in question order. A failure here is never a refusal:
// the response's rows are written already, so the transaction must fail.
func closeLoop(ctx context.Context, tx *store.Tx, sub *Submission, responseID int64, answers map[string]*Answer) error {
	if sub.CustomerID == 0 {
		return nil // an anonymous response: no one to follow up with
	}
	r := loop.Response{WorkspaceID: sub.Survey.WorkspaceID, CustomerID: sub.CustomerID, ResponseID: responseID,
		SurveyID: sub.Survey.ID, Touchpoint: sub.Touchpoint, Channel: sub.Channel}
	for i := range sub.Survey.Questions {
		if a := answers[sub.Survey.Questions[i].ID]; a != nil {
			r.Answers = append(r.Answers, rules.AnswerFact{Question: a.Question, Kind: string(a.Kind), Score: a.Score,
				Choices: a.Choices, Text: a.Text})
		}
	}
	if _, err := loop.OnResponse(ctx, tx, r); err != nil {
		return &errs.Error{Op: "survey.closeLoop", Kind: errs.Internal, Msg: "the loop rules failed on response " + itoa(int(responseID)), Err: err}
	}
	err := program.OnAnswer(ctx, tx, program.Answer{WorkspaceID: r.WorkspaceID, CustomerID: r.CustomerID, ResponseID: r.ResponseID,
		SurveyID: r.SurveyID, Touchpoint: r.Touchpoint, Channel: r.Channel, Answers: r.Answers})
	if err != nil {
		return &errs.Error{Op: "survey.closeLoop", Kind: errs.Internal, Msg: "the program triggers failed on response " + itoa(int(responseID)), Err: err}
	}
	return nil
}
