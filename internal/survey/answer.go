package survey

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
)

// MaxComment bounds a free-text answer, in characters. A comment longer
// than a page is abuse or a paste accident, not feedback.
const MaxComment = 4000

// Answer is one answered question: a score, the chosen options, or text.
type Answer struct {
	Question string   `json:"question"`
	Kind     Kind     `json:"kind"`
	Score    *int     `json:"score,omitempty"`
	Choices  []string `json:"choices,omitempty"`
	Text     string   `json:"text,omitempty"`
}

// Parse reads the answer to q from the values a person gave, as typed: a
// form field, an SMS reply, keypad digits, a CSV cell. Persian and Arabic
// digits count as digits. Empty input means "not answered" (nil, nil).
func (q *Question) Parse(values []string) (*Answer, error) {
	vals := nonEmpty(values)
	if len(vals) == 0 {
		return nil, nil
	}
	a := &Answer{Question: q.ID, Kind: q.Kind}
	switch {
	case q.Kind == YesNo:
		return a, q.parseYesNo(a, vals[0])
	case q.Scored():
		return a, q.parseScore(a, vals[0])
	case q.HasOptions():
		return a, q.parseChoices(a, vals)
	}
	return a, q.parseText(a, strings.Join(vals, "\n"))
}

func nonEmpty(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (q *Question) parseScore(a *Answer, v string) error {
	lo, hi, _ := q.Range()
	n, err := strconv.Atoi(locale.Clean(v))
	if err != nil || n < lo || n > hi {
		return errs.Field("survey.Answer", q.ID, "%s takes a whole number from %d to %d, not %q", q.ID, lo, hi, clip(v))
	}
	a.Score = &n
	return nil
}

func (q *Question) parseYesNo(a *Answer, v string) error {
	var n int
	switch strings.ToLower(locale.Clean(v)) {
	case "1", "yes", "y", "true", "بله", "آره":
		n = 1
	case "0", "2", "no", "n", "false", "خیر", "نه":
		n = 0 // "2 = no" is how SMS and keypad menus ask
	default:
		return errs.Field("survey.Answer", q.ID, "%s takes yes or no, not %q", q.ID, clip(v))
	}
	a.Score = &n
	return nil
}

func (q *Question) parseChoices(a *Answer, vals []string) error {
	var split []string
	for _, v := range vals {
		split = append(split, nonEmpty(strings.Split(v, ";"))...)
	}
	seen := map[string]bool{}
	for _, v := range split {
		if _, ok := q.Option(v); !ok {
			return errs.Field("survey.Answer", q.ID, "%q is not an option of %s", clip(v), q.ID)
		}
		if !seen[v] {
			seen[v] = true
			a.Choices = append(a.Choices, v)
		}
	}
	if q.Kind == Single && len(a.Choices) > 1 {
		return errs.Field("survey.Answer", q.ID, "%s takes one option, not %d", q.ID, len(a.Choices))
	}
	return nil
}

// parseText keeps the text exactly as written (ZWNJ, emoji, markup and
// all); it is escaped wherever it is shown, never rewritten here.
func (q *Question) parseText(a *Answer, v string) error {
	if !utf8.ValidString(v) {
		return errs.Field("survey.Answer", q.ID, "%s is not valid UTF-8 text", q.ID)
	}
	if n := utf8.RuneCountInString(v); n > MaxComment {
		return &errs.Error{Op: "survey.Answer", Kind: errs.TooLarge, Field: q.ID,
			Msg: "the answer to " + q.ID + " is " + itoa(n) + " characters; " + itoa(MaxComment) + " at most"}
	}
	a.Text = v
	return nil
}

// clip shortens a bad value quoted back in an error.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }

// Signal maps a score of a scored kind onto the journey's −2…+2 scale.
func Signal(kind Kind, score int) int {
	switch kind {
	case NPS:
		return [11]int{-2, -2, -2, -2, -2, -1, -1, 0, 0, 1, 2}[clamp(score, 0, 10)]
	case CSAT:
		return clamp(score, 1, 5) - 3
	case CES:
		return [8]int{0, -2, -2, -1, 0, 1, 1, 2}[clamp(score, 1, 7)]
	case YesNo:
		return 2*clamp(score, 0, 1) - 1
	}
	return 0
}

func clamp(n, lo, hi int) int { return max(lo, min(n, hi)) }
