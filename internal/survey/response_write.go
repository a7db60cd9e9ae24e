package survey

import (
	"context"
	"strings"

	"github.com/tajrobe/tajrobe/internal/store"
)

func insertResponse(ctx context.Context, tx *store.Tx, sub *Submission, answers map[string]*Answer) (int64, error) {
	metric, score, signal := summary(sub.Survey, answers)
	at := store.Millis(sub.At)
	var completed any
	if sub.Complete {
		completed = at
	}
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO survey_responses (workspace_id, survey_id, invitation_id, customer_id, source_key,
		touchpoint, channel, language, status, metric, score, signal, started_at, updated_at, completed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		sub.Survey.WorkspaceID, sub.Survey.ID, nullInt(sub.InvitationID), nullInt(sub.CustomerID), sub.SourceKey,
		sub.Touchpoint, sub.Channel, sub.Language, status(sub.Complete), metric, score, signal, at, at, completed).Scan(&id)
	if err != nil {
		return 0, err
	}
	for _, a := range sub.Answers {
		if answers[a.Question] == a {
			if err := upsertAnswer(ctx, tx, sub, id, a); err != nil {
				return 0, err
			}
		}
	}
	return id, nil
}

func updateResponse(ctx context.Context, tx *store.Tx, sub *Submission, old *stored, answers map[string]*Answer) error {
	for q := range old.answers {
		if answers[q] == nil {
			if _, err := tx.Exec(ctx, `DELETE FROM survey_answers WHERE response_id = ? AND question = ?`, old.id, q); err != nil {
				return err
			}
		}
	}
	for _, a := range sub.Answers {
		if answers[a.Question] == a {
			if err := upsertAnswer(ctx, tx, sub, old.id, a); err != nil {
				return err
			}
		}
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
	_, err := tx.Exec(ctx, `UPDATE survey_responses SET status = ?, metric = ?, score = ?, signal = ?, updated_at = ?,
		completed_at = ? WHERE id = ?`, status(complete), metric, score, signal, store.Millis(sub.At), completed, old.id)
	return err
}

func upsertAnswer(ctx context.Context, tx *store.Tx, sub *Submission, responseID int64, a *Answer) error {
	_, err := tx.Exec(ctx, `INSERT INTO survey_answers (workspace_id, survey_id, response_id, customer_id, question, kind,
		score, choice, text, touchpoint, channel, language, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (response_id, question) DO UPDATE SET score = excluded.score, choice = excluded.choice,
		text = excluded.text, answered_at = excluded.answered_at`,
		sub.Survey.WorkspaceID, sub.Survey.ID, responseID, nullInt(sub.CustomerID), a.Question, string(a.Kind),
		a.Score, strings.Join(a.Choices, ","), a.Text, sub.Touchpoint, sub.Channel, sub.Language, store.Millis(sub.At))
	return err
}
