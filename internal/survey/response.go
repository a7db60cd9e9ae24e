package survey

import (
	"context"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Submission is one respondent's answers to store. SourceKey makes a
// response unique in its workspace, so a replayed or doubled submission
// edits the same response and never stores anything twice: "inv:<id>" for
// personal links, "anon:<nonce>" for public ones, "ivr:<call>" for phone
// calls, "import:<id>" for responses collected elsewhere.
type Submission struct {
	Survey       *Survey
	SourceKey    string
	InvitationID int64
	CustomerID   int64
	Touchpoint   string
	Channel      string
	Language     string
	Answers      []*Answer
	Complete     bool
	At           time.Time     // when answered; zero means now
	EditFor      time.Duration // how long a completed response may still change
	AllowClosed  bool          // imports may land on a closed survey
}

// Result says what a submission did.
type Result struct {
	ResponseID int64 `json:"response_id"`
	Created    bool  `json:"created"`
	Completed  bool  `json:"completed"` // completed by this submission
}

// stored is a response as the submission finds it.
type stored struct {
	id        int64
	complete  bool
	completed int64
	answers   map[string]*Answer
}

// Submit stores the answers in tx: a new response, or changes to the one
// with the same source key while it may still change.
func Submit(ctx context.Context, tx *store.Tx, sub *Submission) (Result, error) {
	w := &writer{tx: tx}
	res, err := submit(ctx, w, sub)
	if err != nil {
		return res, err
	}
	return res, errs.Wrap("survey.Submit", w.flushRollups(ctx))
}

// SubmitMany stores many submissions in tx, adding them to the analytics
// rollups once at the end: for loaders that write thousands at a time.
func SubmitMany(ctx context.Context, tx *store.Tx, subs []*Submission) error {
	w := &writer{tx: tx}
	for _, sub := range subs {
		if _, err := submit(ctx, w, sub); err != nil {
			return err
		}
	}
	return errs.Wrap("survey.SubmitMany", w.flushRollups(ctx))
}

func submit(ctx context.Context, w *writer, sub *Submission) (Result, error) {
	const op = "survey.Submit"
	tx := w.tx
	if err := sub.check(); err != nil {
		return Result{}, err
	}
	if sub.At.IsZero() {
		sub.At = tx.Now
	}
	// The common case is a new response: try to insert it first, and read
	// the stored one only when the key is taken.
	if res, ok, err := tryInsert(ctx, w, sub); ok || err != nil {
		return res, errs.Wrap(op, err)
	}
	old, err := findResponse(ctx, tx, sub.Survey.WorkspaceID, sub.SourceKey)
	if err != nil {
		return Result{}, errs.Wrap(op, err)
	}
	if old != nil && old.complete && tx.Now.After(store.Time(old.completed).Add(sub.EditFor)) {
		return Result{ResponseID: old.id}, errs.E(op, errs.Conflict, "this survey was already answered; thank you")
	}
	if old == nil {
		return Result{}, errs.E(op, errs.Conflict, "the response changed while it was being saved; send it again")
	}
	merged := mergeAnswers(sub.Survey, old, sub.Answers)
	err = updateResponse(ctx, w, sub, old, merged)
	res := Result{ResponseID: old.id, Completed: sub.Complete && !old.complete}
	if err == nil && res.Completed && sub.Survey.WebhookURL != "" {
		err = enqueueWebhook(ctx, tx, sub.Survey, res.ResponseID)
	}
	return res, errs.Wrap(op, err)
}

// tryInsert stores a response under a key not used yet; ok is false when
// the key is taken.
func tryInsert(ctx context.Context, w *writer, sub *Submission) (Result, bool, error) {
	merged := mergeAnswers(sub.Survey, nil, sub.Answers)
	id, err := insertResponse(ctx, w, sub, merged)
	if isNoRows(err) {
		return Result{}, false, nil
	}
	if err != nil {
		return Result{}, false, err
	}
	res := Result{ResponseID: id, Created: true, Completed: sub.Complete}
	if res.Completed && sub.Survey.WebhookURL != "" {
		err = enqueueWebhook(ctx, w.tx, sub.Survey, id)
	}
	return res, true, err
}

func (sub *Submission) check() error {
	const op = "survey.Submit"
	s := sub.Survey
	if s.Status != Published && !(sub.AllowClosed && s.Status == Closed) {
		return errs.E(op, errs.Conflict, "this survey is not open for responses")
	}
	if sub.SourceKey == "" || len(sub.SourceKey) > 200 {
		return errs.E(op, errs.Invalid, "a response needs a source key of 1 to 200 bytes")
	}
	for _, a := range sub.Answers {
		if q, ok := s.Question(a.Question); !ok || q.Kind != a.Kind {
			return errs.Field(op, a.Question, "survey %d has no %s question %q", s.ID, a.Kind, a.Question)
		}
	}
	return nil
}

// mergeAnswers lays the new answers over the stored ones and drops those
// the survey's logic now hides.
func mergeAnswers(s *Survey, old *stored, answers []*Answer) map[string]*Answer {
	m := map[string]*Answer{}
	if old != nil {
		for k, v := range old.answers {
			m[k] = v
		}
	}
	for _, a := range answers {
		m[a.Question] = a
	}
	s.Prune(m)
	return m
}

// summary is the headline of a response: its primary score as a signal.
func summary(s *Survey, answers map[string]*Answer) (metric string, score, signal any) {
	p := s.Primary()
	if p == nil {
		return "", nil, nil
	}
	a := answers[p.ID]
	if a == nil || a.Score == nil {
		return string(p.Kind), nil, nil
	}
	return string(p.Kind), *a.Score, Signal(p.Kind, *a.Score)
}

func findResponse(ctx context.Context, tx *store.Tx, workspaceID int64, key string) (*stored, error) {
	r := &stored{}
	var status string
	var completed *int64
	err := tx.QueryRow(ctx, `SELECT id, status, completed_at FROM survey_responses WHERE workspace_id = ? AND source_key = ?`,
		workspaceID, key).Scan(&r.id, &status, &completed)
	if isNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	r.complete = status == "complete"
	if completed != nil {
		r.completed = *completed
	}
	r.answers, err = loadAnswers(ctx, tx, r.id)
	return r, err
}

func loadAnswers(ctx context.Context, tx *store.Tx, responseID int64) (map[string]*Answer, error) {
	rows, err := tx.Query(ctx, `SELECT question, kind, score, choice, text FROM survey_answers WHERE response_id = ?`, responseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]*Answer{}
	for rows.Next() {
		a, err := scanAnswer(rows)
		if err != nil {
			return nil, err
		}
		out[a.Question] = a
	}
	return out, rows.Err()
}

func scanAnswer(row scanner, extra ...any) (*Answer, error) {
	a := &Answer{}
	var kind, choice string
	if err := row.Scan(append([]any{&a.Question, &kind, &a.Score, &choice, &a.Text}, extra...)...); err != nil {
		return nil, err
	}
	a.Kind = Kind(kind)
	if choice != "" {
		a.Choices = strings.Split(choice, ",")
	}
	return a, nil
}

func status(complete bool) string {
	if complete {
		return "complete"
	}
	return "partial"
}
