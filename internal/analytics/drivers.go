package analytics

import (
	"context"
	"sort"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Driver is one question's part in explaining an outcome question.
type Driver struct {
	Question    string  `json:"question"`
	Kind        string  `json:"kind"`
	Importance  float64 `json:"importance"`  // % of the explained variance
	Correlation float64 `json:"correlation"` // with the outcome
	Mean        float64 `json:"mean"`
	N           int     `json:"n"`
}

// Drivers is a key-driver analysis of one survey's outcome question.
type Drivers struct {
	SurveyID  int64    `json:"survey_id"`
	Outcome   string   `json:"outcome"`
	Responses int      `json:"responses"`
	R2        float64  `json:"r2"`
	TooSmall  bool     `json:"too_small"`
	Drivers   []Driver `json:"drivers"`
}

// maxDriverAnswers bounds the answers one analysis reads.
const maxDriverAnswers = 1_000_000

// scoredAnswers maps response → question → score for a survey's period.
type scoredAnswers struct {
	byResponse map[int64]map[string]float64
	kinds      map[string]string
}

func (q *Querier) scored(ctx context.Context, f Filter) (*scoredAnswers, error) {
	rows, err := q.db.Query(ctx, `SELECT response_id, question, kind, score FROM survey_answers WHERE workspace_id = ?
		AND survey_id = ? AND score IS NOT NULL AND answered_at >= ? AND answered_at < ? LIMIT ?`,
		q.ws, f.SurveyID, store.Millis(f.From), store.Millis(f.To), maxDriverAnswers)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := &scoredAnswers{byResponse: map[int64]map[string]float64{}, kinds: map[string]string{}}
	for rows.Next() {
		var resp int64
		var question, kind string
		var score float64
		if err := rows.Scan(&resp, &question, &kind, &score); err != nil {
			return nil, err
		}
		if s.byResponse[resp] == nil {
			s.byResponse[resp] = map[string]float64{}
		}
		s.byResponse[resp][question], s.kinds[question] = score, kind
	}
	return s, rows.Err()
}

// Drivers derives how much each scored question of the survey explains
// the outcome question, by relative weights over the responses that
// answered the outcome (a skipped question takes its mean).
func (q *Querier) Drivers(ctx context.Context, f Filter, outcome string) (*Drivers, error) {
	const op = "analytics.Drivers"
	if f.SurveyID == 0 {
		return nil, errs.Field(op, "survey", "choose the survey whose questions to analyse")
	}
	s, err := q.scored(ctx, f)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	if _, ok := s.kinds[outcome]; !ok {
		return nil, errs.Field(op, "outcome", "question %q has no scored answers in this survey and period", outcome)
	}
	d := &Drivers{SurveyID: f.SurveyID, Outcome: outcome, Drivers: []Driver{}}
	cols := s.predictors(outcome)
	x, y := s.design(outcome, cols)
	d.Responses = len(y)
	if len(y) < MinSample || len(cols) == 0 {
		d.TooSmall = true
		return d, nil
	}
	w, r2 := RelativeWeights(x, y)
	d.R2 = round(r2, 3)
	for j, c := range cols {
		col := column(x, j)
		dr := Driver{Question: c, Kind: s.kinds[c], Correlation: round(correlation(col, y), 3), Mean: round(avg(col), 2), N: s.answered(c)}
		if r2 > 0 {
			dr.Importance = round(100*w[j]/r2, 1)
		}
		d.Drivers = append(d.Drivers, dr)
	}
	sort.SliceStable(d.Drivers, func(i, j int) bool { return d.Drivers[i].Importance > d.Drivers[j].Importance })
	return d, nil
}

// predictors are the other questions answered often enough to judge.
func (s *scoredAnswers) predictors(outcome string) []string {
	var cols []string
	for question := range s.kinds {
		if question != outcome && s.answered(question) >= MinSample {
			cols = append(cols, question)
		}
	}
	sort.Strings(cols)
	return cols
}

func (s *scoredAnswers) answered(question string) int {
	n := 0
	for _, r := range s.byResponse {
		if _, ok := r[question]; ok {
			n++
		}
	}
	return n
}

func (s *scoredAnswers) design(outcome string, cols []string) ([][]float64, []float64) {
	means := make([]float64, len(cols))
	for j, c := range cols {
		var sum float64
		for _, r := range s.byResponse {
			sum += r[c]
		}
		means[j] = sum / float64(s.answered(c))
	}
	ids := make([]int64, 0, len(s.byResponse))
	for id, r := range s.byResponse {
		if _, ok := r[outcome]; ok {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var x [][]float64
	var y []float64
	for _, id := range ids {
		r := s.byResponse[id]
		row := make([]float64, len(cols))
		for j, c := range cols {
			row[j] = means[j]
			if v, ok := r[c]; ok {
				row[j] = v
			}
		}
		x, y = append(x, row), append(y, r[outcome])
	}
	return x, y
}

func avg(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
