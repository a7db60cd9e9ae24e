package survey

import (
	"context"
	"math"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// NPSScore is Net Promoter Score: % promoters (9–10) − % detractors (0–6).
type NPSScore struct {
	Score      *float64 `json:"score"` // −100…100; null without answers
	Count      int      `json:"count"`
	Promoters  int      `json:"promoters"`
	Passives   int      `json:"passives"`
	Detractors int      `json:"detractors"`
}

// CSATScore is the share of satisfied answers (4–5 of 5), in percent.
type CSATScore struct {
	Score     *float64 `json:"score"`
	Count     int      `json:"count"`
	Satisfied int      `json:"satisfied"`
	Mean      *float64 `json:"mean"`
}

// CESScore is the mean Customer Effort Score on the 1–7 scale.
type CESScore struct {
	Score *float64 `json:"score"`
	Count int      `json:"count"`
}

// Scores are a survey's headline metrics, each with its count.
type Scores struct {
	NPS  NPSScore  `json:"nps"`
	CSAT CSATScore `json:"csat"`
	CES  CESScore  `json:"ces"`
}

// Tally counts answers by kind and score; Compute turns it into Scores.
type Tally map[Kind]map[int]int

// Compute derives the scores from a tally, rounded to one decimal.
func (t Tally) Compute() Scores {
	var s Scores
	var csatSum, cesSum int
	for score, n := range t[NPS] {
		s.NPS.Count += n
		switch {
		case score >= 9:
			s.NPS.Promoters += n
		case score >= 7:
			s.NPS.Passives += n
		default:
			s.NPS.Detractors += n
		}
	}
	for score, n := range t[CSAT] {
		s.CSAT.Count += n
		csatSum += score * n
		if score >= 4 {
			s.CSAT.Satisfied += n
		}
	}
	for score, n := range t[CES] {
		s.CES.Count += n
		cesSum += score * n
	}
	if c := float64(s.NPS.Count); c > 0 {
		s.NPS.Score = round1(100 * float64(s.NPS.Promoters-s.NPS.Detractors) / c)
	}
	if c := float64(s.CSAT.Count); c > 0 {
		s.CSAT.Score, s.CSAT.Mean = round1(100*float64(s.CSAT.Satisfied)/c), round1(float64(csatSum)/c)
	}
	if c := float64(s.CES.Count); c > 0 {
		s.CES.Score = round1(float64(cesSum) / c)
	}
	return s
}

func round1(f float64) *float64 {
	r := math.Round(f*10) / 10
	return &r
}

// ScoreFilter narrows the answers scored. Zero values mean no limit.
type ScoreFilter struct {
	SurveyID   int64
	Touchpoint string
	From, To   time.Time
}

// ComputeScores tallies the workspace's scored answers under the filter.
func ComputeScores(ctx context.Context, db *store.DB, workspaceID int64, f ScoreFilter) (Scores, error) {
	q := `SELECT kind, score, COUNT(*) FROM survey_answers WHERE workspace_id = ? AND kind IN ('nps', 'csat', 'ces')
		AND score IS NOT NULL`
	args := []any{workspaceID}
	if f.SurveyID != 0 {
		q, args = q+` AND survey_id = ?`, append(args, f.SurveyID)
	}
	if f.Touchpoint != "" {
		q, args = q+` AND touchpoint = ?`, append(args, f.Touchpoint)
	}
	if !f.From.IsZero() {
		q, args = q+` AND answered_at >= ?`, append(args, store.Millis(f.From))
	}
	if !f.To.IsZero() {
		q, args = q+` AND answered_at < ?`, append(args, store.Millis(f.To))
	}
	rows, err := db.Query(ctx, q+` GROUP BY kind, score`, args...)
	if err != nil {
		return Scores{}, errs.Wrap("survey.ComputeScores", err)
	}
	defer rows.Close()
	t := Tally{}
	for rows.Next() {
		var kind string
		var score, n int
		if err := rows.Scan(&kind, &score, &n); err != nil {
			return Scores{}, errs.Wrap("survey.ComputeScores", err)
		}
		if t[Kind(kind)] == nil {
			t[Kind(kind)] = map[int]int{}
		}
		t[Kind(kind)][score] += n
	}
	return t.Compute(), errs.Wrap("survey.ComputeScores", rows.Err())
}
