package survey

import (
	"context"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Response is one respondent's answers to one survey, complete or not.
type Response struct {
	ID           int64      `json:"id"`
	SurveyID     int64      `json:"survey_id"`
	InvitationID *int64     `json:"invitation_id,omitempty"`
	CustomerID   *int64     `json:"customer_id,omitempty"`
	Touchpoint   string     `json:"touchpoint,omitempty"`
	Channel      string     `json:"channel"`
	Language     string     `json:"language"`
	Status       string     `json:"status"`
	Metric       string     `json:"metric,omitempty"`
	Score        *int       `json:"score,omitempty"`
	StartedAt    time.Time  `json:"started_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	CompletedAt  *time.Time `json:"completed_at,omitempty"`
	Answers      []Answer   `json:"answers"`
}

const responseColumns = `id, survey_id, invitation_id, customer_id, touchpoint, channel, language, status, metric, score,
	started_at, updated_at, completed_at`

func scanResponse(row scanner) (*Response, error) {
	r := &Response{Answers: []Answer{}}
	var started, updated int64
	var completed *int64
	err := row.Scan(&r.ID, &r.SurveyID, &r.InvitationID, &r.CustomerID, &r.Touchpoint, &r.Channel, &r.Language,
		&r.Status, &r.Metric, &r.Score, &started, &updated, &completed)
	if err != nil {
		return nil, err
	}
	r.StartedAt, r.UpdatedAt = store.Time(started), store.Time(updated)
	if completed != nil {
		t := store.Time(*completed)
		r.CompletedAt = &t
	}
	return r, nil
}

// ListResponses returns up to limit responses of a survey with ids below
// before (0 for the newest), newest first, each with its answers.
func ListResponses(ctx context.Context, db *store.DB, workspaceID, surveyID, before int64, limit int) ([]Response, error) {
	const op = "survey.ListResponses"
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := db.Query(ctx, `SELECT `+responseColumns+` FROM survey_responses
		WHERE workspace_id = ? AND survey_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, workspaceID, surveyID, before, limit)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	defer rows.Close()
	out := []Response{}
	index := map[int64]int{}
	for rows.Next() {
		r, err := scanResponse(rows)
		if err != nil {
			return nil, errs.Wrap(op, err)
		}
		index[r.ID] = len(out)
		out = append(out, *r)
	}
	if err := rows.Err(); err != nil {
		return nil, errs.Wrap(op, err)
	}
	return out, errs.Wrap(op, attachAnswers(ctx, db, out, index))
}

func attachAnswers(ctx context.Context, db *store.DB, rs []Response, index map[int64]int) error {
	if len(rs) == 0 {
		return nil
	}
	args := make([]any, len(rs))
	for i, r := range rs {
		args[i] = r.ID
	}
	marks := strings.TrimSuffix(strings.Repeat("?,", len(rs)), ",")
	rows, err := db.Query(ctx, `SELECT question, kind, score, choice, text, response_id FROM survey_answers
		WHERE response_id IN (`+marks+`) ORDER BY id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rid int64
		a, err := scanAnswer(rows, &rid)
		if err != nil {
			return err
		}
		r := &rs[index[rid]]
		r.Answers = append(r.Answers, *a)
	}
	return rows.Err()
}

// ResponseByKey returns the response with a source key and its answers,
// or NotExist.
func ResponseByKey(ctx context.Context, db *store.DB, workspaceID int64, key string) (*Response, error) {
	r, err := scanResponse(db.QueryRow(ctx, `SELECT `+responseColumns+` FROM survey_responses
		WHERE workspace_id = ? AND source_key = ?`, workspaceID, key))
	if isNoRows(err) {
		return nil, errs.E("survey.ResponseByKey", errs.NotExist, "no response yet")
	}
	if err != nil {
		return nil, errs.Wrap("survey.ResponseByKey", err)
	}
	rs := []Response{*r}
	if err := attachAnswers(ctx, db, rs, map[int64]int{r.ID: 0}); err != nil {
		return nil, errs.Wrap("survey.ResponseByKey", err)
	}
	return &rs[0], nil
}

// AnswerMap indexes a response's answers by question.
func (r *Response) AnswerMap() map[string]*Answer {
	m := make(map[string]*Answer, len(r.Answers))
	for i := range r.Answers {
		m[r.Answers[i].Question] = &r.Answers[i]
	}
	return m
}
