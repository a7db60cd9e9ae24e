package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// demoSurveys are the surveys each business runs, by the touchpoint that
// asks them.
var demoSurveys = map[string]map[string]string{
	"aria-shoes": {"delivery": "delivery_csat", "checkout": "post_purchase_nps", "online_order": "post_purchase_nps",
		"support": "support_ces", "returns": "support_ces", "store_visit": "store_visit", "staff": "store_visit",
		"product_use": "four_pillars"},
	"napoli-pizza": {"delivery": "delivery_csat", "online_order": "post_purchase_nps", "checkout": "post_purchase_nps",
		"support": "support_ces", "product_use": "emotional_connection"},
}

// moment is an event a demo customer may answer a survey about.
type moment struct {
	id, customer int64
	touchpoint   string
	signal       int
	at           time.Time
}

// loadSurveys publishes the business's surveys and answers them for about
// a third of the moments that ask, two hours after the moment, with
// scores that follow how the moment felt and comments written for the demo.
func loadSurveys(ctx context.Context, db *store.DB, r *rand.Rand, b business, ws int64, now time.Time) error {
	surveys := map[string]*survey.Survey{}
	for _, tmpl := range demoSurveys[b.slug] {
		if surveys[tmpl] != nil {
			continue
		}
		s, err := survey.Template(tmpl)
		if err != nil {
			return err
		}
		if err := survey.Create(ctx, db, ws, "demo", &s); err != nil {
			return err
		}
		if surveys[tmpl], err = survey.Publish(ctx, db, ws, "demo", s.ID); err != nil {
			return err
		}
	}
	moments, err := askingMoments(ctx, db, ws, demoSurveys[b.slug])
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		a := answerer{r: r, lang: b.language}
		var subs []*survey.Submission
		for _, m := range moments {
			at := m.at.Add(2 * time.Hour)
			if r.IntN(100) >= 32 || !at.Before(now) {
				continue
			}
			subs = append(subs, a.submission(surveys[demoSurveys[b.slug][m.touchpoint]], m, at))
		}
		if err := survey.SubmitMany(ctx, tx, subs); err != nil {
			return fmt.Errorf("demo responses: %w", err)
		}
		return nil
	})
}

func askingMoments(ctx context.Context, db *store.DB, ws int64, asks map[string]string) ([]moment, error) {
	rows, err := db.Query(ctx, `SELECT id, customer_id, touchpoint, COALESCE(signal, 0), occurred_at FROM events
		WHERE workspace_id = ? ORDER BY id`, ws)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []moment
	for rows.Next() {
		var m moment
		var at int64
		if err := rows.Scan(&m.id, &m.customer, &m.touchpoint, &m.signal, &at); err != nil {
			return nil, err
		}
		if asks[m.touchpoint] != "" {
			m.at = store.Time(at)
			out = append(out, m)
		}
	}
	return out, rows.Err()
}

// answerer makes up one customer's answers.
type answerer struct {
	r    *rand.Rand
	lang string
}

var channels = []string{"sms", "sms", "email", "web", "web", "ivr"}

func (a *answerer) submission(s *survey.Survey, m moment, at time.Time) *survey.Submission {
	sub := &survey.Submission{Survey: s, SourceKey: "demo:" + strconv.FormatInt(m.id, 10), CustomerID: m.customer,
		Touchpoint: m.touchpoint, Channel: channels[a.r.IntN(len(channels))], Language: a.lang, At: at,
		Complete: a.r.IntN(100) >= 8}
	given := map[string]*survey.Answer{}
	for i := range s.Questions {
		q := &s.Questions[i]
		if !q.Visible(given) || q.Trait != "" || (i > 0 && !sub.Complete) || (q.Kind == survey.Text && a.r.IntN(100) >= 65) {
			continue
		}
		if ans := a.answer(q, m); ans != nil {
			given[q.ID] = ans
			sub.Answers = append(sub.Answers, ans)
		}
	}
	return sub
}

func (a *answerer) answer(q *survey.Question, m moment) *survey.Answer {
	ans := &survey.Answer{Question: q.ID, Kind: q.Kind}
	switch {
	case q.Kind == survey.YesNo:
		ans.Score = ptr(b2i(a.r.IntN(4) < m.signal+3))
	case q.Scored():
		ans.Score = ptr(a.score(q, m.signal))
	case q.Kind == survey.Text:
		ans.Text = a.comment(m)
	case q.Kind == survey.Emotion:
		ans.Choices = a.feelings(q, m.signal)
	case q.HasOptions():
		ans.Choices = []string{q.Options[min(len(q.Options)-1, max(0, 1-m.signal+a.r.IntN(2)-1))].ID}
	}
	if ans.Text == "" && ans.Score == nil && len(ans.Choices) == 0 {
		return nil
	}
	return ans
}

// score draws a score that follows the moment's signal (−2…+2) with noise.
func (a *answerer) score(q *survey.Question, signal int) int {
	lo, hi, _ := q.Range()
	pos := float64(signal+2)/4 + (a.r.Float64()-0.5)*0.35 + 0.08 // people answer a little kinder than they felt
	if q.Kind == survey.NPS {
		pos += 0.12
	}
	return min(hi, max(lo, lo+int(pos*float64(hi-lo)+0.5)))
}

func (a *answerer) comment(m moment) string {
	pools := comments[a.lang][momentOf[m.touchpoint]]
	tone := 0
	if m.signal > 0 || (m.signal == 0 && a.r.IntN(2) == 0) {
		tone = 1
	}
	return pools[tone][a.r.IntN(len(pools[tone]))]
}

func (a *answerer) feelings(q *survey.Question, signal int) []string {
	var out []string
	for _, o := range q.Options {
		if o.Negative == (signal < 0) && a.r.IntN(4) == 0 {
			out = append(out, o.ID)
		}
	}
	if len(out) == 0 {
		out = []string{q.Options[map[bool]int{true: 8, false: 6}[signal < 0]].ID}
	}
	return out
}

func ptr(n int) *int { return &n }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
