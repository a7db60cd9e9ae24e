package analytics

import (
	"context"
	"math"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// The four pillars of a frictionless experience.
var pillarNames = []string{"trust", "reliability", "value", "relevance"}

// Pillar is one pillar's index: the mean of its questions' scores on a
// 0–100 scale.
type Pillar struct {
	Pillar    string   `json:"pillar"`
	Index     Estimate `json:"index"`
	Questions int      `json:"questions"`
}

// Pillars is the four-pillars index of a period.
type Pillars struct {
	Index   Estimate `json:"index"` // the mean of the four pillars that have answers
	Pillars []Pillar `json:"pillars"`
}

// Pillars computes the index from questions tagged with a pillar.
func (q *Querier) Pillars(ctx context.Context, f Filter) (*Pillars, error) {
	const op = "analytics.Pillars"
	surveys, err := q.surveyQuestions(ctx, f.SurveyID)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	rows, err := q.scoreRowsByQuestion(ctx, f)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	sums := map[string]*[3]float64{} // pillar → total, total², n on 0–100
	count := map[string]int{}
	for sid, qs := range surveys {
		for _, qu := range qs {
			h, ok := rows[questionKey{sid, qu.ID}]
			if qu.Pillar == "" || !ok || h.n == 0 {
				continue
			}
			lo, hi := qu.scoreRange()
			scale := 100 / (hi - lo)
			s := sums[qu.Pillar]
			if s == nil {
				s = &[3]float64{}
				sums[qu.Pillar] = s
			}
			// Rescale the sums: x' = (x − lo)·scale.
			s[0] += (float64(h.total) - lo*float64(h.n)) * scale
			s[1] += (float64(h.totalSq) - 2*lo*float64(h.total) + lo*lo*float64(h.n)) * scale * scale
			s[2] += float64(h.n)
			count[qu.Pillar]++
		}
	}
	return pillarIndex(sums, count), nil
}

func pillarIndex(sums map[string]*[3]float64, count map[string]int) *Pillars {
	p := &Pillars{Pillars: []Pillar{}}
	var total, n float64
	for _, name := range pillarNames {
		pl := Pillar{Pillar: name, Questions: count[name], Index: Estimate{TooSmall: true}}
		if s := sums[name]; s != nil && s[2] > 0 {
			pl.Index = meanF(s[0], s[1], s[2])
			total += pl.Index.Value
			n++
		}
		p.Pillars = append(p.Pillars, pl)
	}
	p.Index = Estimate{TooSmall: true}
	if n > 0 {
		p.Index = Estimate{Value: round(total/n, 2), N: int64(n), TooSmall: n < 4}
	}
	return p
}

// meanF is mean for sums that are no longer whole numbers.
func meanF(total, totalSq, n float64) Estimate {
	m := total / n
	variance := 0.0
	if n > 1 {
		variance = (totalSq - n*m*m) / (n - 1)
	}
	if variance < 0 {
		variance = 0
	}
	return estimate(m, math.Sqrt(variance/n), int64(n))
}

type questionKey struct {
	survey   int64
	question string
}

// scoreRowsByQuestion reads each question's distribution from rollups.
func (q *Querier) scoreRowsByQuestion(ctx context.Context, f Filter) (map[questionKey]dist, error) {
	w := f.rollupWhere(q.ws, q.loc, true)
	rows, err := q.db.Query(ctx, `SELECT survey_id, question, `+distColumns+` FROM score_rollups WHERE `+w.String()+
		` GROUP BY survey_id, question`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[questionKey]dist{}
	for rows.Next() {
		var k questionKey
		var d dist
		if err := scanDist(rows, &d, &k.survey, &k.question); err != nil {
			return nil, err
		}
		out[k] = d
	}
	return out, rows.Err()
}
