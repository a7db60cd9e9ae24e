package analytics

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// question is what analytics reads of a stored survey question: the
// fields that say how to score it. The survey package owns the format.
type question struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Scale   int    `json:"scale"`
	Pillar  string `json:"pillar"`
	Options []struct {
		ID       string `json:"id"`
		Negative bool   `json:"negative"`
	} `json:"options"`
}

// scoreRange is the lowest and highest score of a question.
func (q question) scoreRange() (float64, float64) {
	switch q.Kind {
	case "nps":
		return 0, 10
	case "csat":
		return 1, 5
	case "ces":
		return 1, 7
	case "yesno":
		return 0, 1
	}
	if q.Scale > 1 {
		return 1, float64(q.Scale)
	}
	return 1, 5
}

// surveyQuestions returns every survey's questions, by survey id.
func (q *Querier) surveyQuestions(ctx context.Context, surveyID int64) (map[int64][]question, error) {
	c := &clause{}
	c.add("workspace_id = ?", q.ws)
	if surveyID != 0 {
		c.add("id = ?", surveyID)
	}
	rows, err := q.db.Query(ctx, `SELECT id, questions FROM surveys WHERE `+c.String(), c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]question{}
	for rows.Next() {
		var id int64
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, err
		}
		var qs []question
		if json.Unmarshal(raw, &qs) == nil {
			out[id] = qs
		}
	}
	return out, rows.Err()
}

// Emotion is the emotional-connection view of a period: which feelings
// customers report, how many feel an emotional motivator rather than only
// being satisfied, and how that links to loyalty.
type Emotion struct {
	Respondents    int64            `json:"respondents"`
	Connected      Estimate         `json:"connected"`      // % reporting at least one positive motivator
	OnlySatisfied  Estimate         `json:"only_satisfied"` // % satisfied (CSAT 4–5 or NPS 7+) with no motivator
	Feelings       map[string]int64 `json:"feelings"`
	NPSConnected   Estimate         `json:"nps_connected"`
	NPSUnconnected Estimate         `json:"nps_unconnected"`
	Loyalty        *Change          `json:"loyalty_difference"` // NPS of the connected against the rest
}

// respondent is what one response said about feelings and loyalty.
type respondent struct {
	feelings  []string
	connected bool
	nps, csat int
}

// Emotion computes the view over responses that answered an emotion
// question in the period.
func (q *Querier) Emotion(ctx context.Context, f Filter) (*Emotion, error) {
	const op = "analytics.Emotion"
	surveys, err := q.surveyQuestions(ctx, f.SurveyID)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	resp, err := q.respondents(ctx, f, surveys)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	e := &Emotion{Feelings: map[string]int64{}}
	var connected, satisfied int64
	var npsIn, npsOut hist
	for _, r := range resp {
		e.Respondents++
		for _, f := range r.feelings {
			e.Feelings[f]++
		}
		switch {
		case r.connected:
			connected++
		case r.csat >= 4 || r.nps >= 7:
			satisfied++
		}
		if r.nps >= 0 && r.connected {
			npsIn.score(r.nps, 1)
		} else if r.nps >= 0 {
			npsOut.score(r.nps, 1)
		}
	}
	e.Connected, e.OnlySatisfied = share(connected, e.Respondents), share(satisfied, e.Respondents)
	e.NPSConnected, e.NPSUnconnected = npsIn.dist().estimate("nps"), npsOut.dist().estimate("nps")
	e.Loyalty = compare(e.NPSConnected, e.NPSUnconnected)
	return e, nil
}

func (q *Querier) respondents(ctx context.Context, f Filter, surveys map[int64][]question) (map[int64]*respondent, error) {
	rows, err := q.db.Query(ctx, `SELECT survey_id, response_id, question, kind, score, choice FROM survey_answers
		WHERE workspace_id = ? AND kind IN ('emotion', 'nps', 'csat') AND answered_at >= ? AND answered_at < ? LIMIT ?`,
		q.ws, store.Millis(f.From), store.Millis(f.To), maxDriverAnswers)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]*respondent{}
	for rows.Next() {
		var survey, resp int64
		var qid, kind, choice string
		var score *int
		if err := rows.Scan(&survey, &resp, &qid, &kind, &score, &choice); err != nil {
			return nil, err
		}
		r := out[resp]
		if r == nil {
			r = &respondent{nps: -1, csat: -1}
			out[resp] = r
		}
		r.note(kind, score, choice, negativeOptions(surveys[survey], qid))
	}
	for id, r := range out { // only responses that were asked about feelings count
		if r.feelings == nil {
			delete(out, id)
		}
	}
	return out, rows.Err()
}

func (r *respondent) note(kind string, score *int, choice string, negative map[string]bool) {
	switch {
	case kind == "emotion":
		r.feelings = []string{}
		for _, c := range strings.Split(choice, ",") {
			if c = strings.TrimSpace(c); c != "" {
				r.feelings = append(r.feelings, c)
				r.connected = r.connected || !negative[c]
			}
		}
	case kind == "nps" && score != nil:
		r.nps = *score
	case kind == "csat" && score != nil:
		r.csat = *score
	}
}

func negativeOptions(qs []question, id string) map[string]bool {
	out := map[string]bool{}
	for _, q := range qs {
		if q.ID == id {
			for _, o := range q.Options {
				out[o.ID] = o.Negative
			}
		}
	}
	return out
}
