package rules

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode"

	"github.com/tajrobe/tajrobe/internal/textan"
)

// Match reports whether rule r matches the facts of one trigger: the
// trigger is of its kind and narrowing, and every condition holds.
func Match(r *Rule, f *Facts) (bool, error) {
	if !r.Enabled || !triggerMatches(&r.Trigger, f) {
		return false, nil
	}
	for i := range r.When {
		ok, err := holds(&r.When[i], f)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

func triggerMatches(t *Trigger, f *Facts) bool {
	switch {
	case t.Kind != f.Trigger:
		return false
	case t.Touchpoint != "" && t.Touchpoint != f.Touchpoint:
		return false
	case t.Channel != "" && t.Channel != f.Channel:
		return false
	case t.SurveyID != 0 && t.SurveyID != f.SurveyID:
		return false
	case t.Event != "" && t.Event != f.Event:
		return false
	case t.Reason != "" && t.Reason != f.Reason:
		return false
	}
	return true
}

func holds(c *Condition, f *Facts) (bool, error) {
	spec, ok := conditions[c.Kind]
	if !ok {
		return false, nil // a kind this build does not know never matches
	}
	return spec.Match(c, f)
}

func compare(op string, have, want float64) bool {
	switch op {
	case Eq:
		return have == want
	case Ne:
		return have != want
	case Lt:
		return have < want
	case Lte:
		return have <= want
	case Gt:
		return have > want
	case Gte:
		return have >= want
	}
	return false
}

func matchScore(c *Condition, f *Facts) (bool, error) {
	s, ok := f.Scores[c.Metric]
	return ok && compare(c.Op, float64(s), *c.Value), nil
}

func matchAnswer(c *Condition, f *Facts) (bool, error) {
	a, ok := f.Answers[c.Question]
	if !ok {
		return false, nil
	}
	if c.Value != nil {
		return a.Score != nil && compare(c.Op, float64(*a.Score), *c.Value), nil
	}
	hit := false
	for _, ch := range a.Choices {
		hit = hit || oneOf(ch, c.Values)
	}
	if c.Op == Ne {
		return !hit, nil
	}
	return hit, nil
}

// matchWords looks for each word or phrase in the normalised comment, so
// Arabic and Persian forms of a letter, ZWNJ and case do not matter.
func matchWords(c *Condition, f *Facts) (bool, error) {
	text := " " + fold(f.Comment) + " "
	for _, w := range c.Values {
		if strings.Contains(text, " "+fold(w)+" ") {
			return true, nil
		}
	}
	return false, nil
}

// fold lowers, normalises and keeps only letters and digits, with single
// spaces between words.
func fold(s string) string {
	s = textan.Normalize(s)
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r == '\u200c' || isWordRune(r))
	}), " ")
}

func matchSentiment(c *Condition, f *Facts) (bool, error) {
	if f.Sentiment == nil || strings.TrimSpace(f.Comment) == "" {
		return false, nil
	}
	return oneOf(f.Sentiment(), c.Values), nil
}

func matchSignal(c *Condition, f *Facts) (bool, error) {
	return f.Signal != nil && compare(c.Op, float64(*f.Signal), *c.Value), nil
}

func matchCount(c *Condition, f *Facts) (bool, error) {
	if f.CountSignals == nil {
		return false, nil
	}
	n, err := f.CountSignals(c.Touchpoint, int(*c.Value), c.Days)
	return n >= c.Count, err
}

func matchTrait(c *Condition, f *Facts) (bool, error) {
	raw, ok := f.Traits[c.Trait]
	if !ok {
		return c.Op == Ne, nil
	}
	if c.Value != nil {
		n, err := strconv.ParseFloat(strings.Trim(string(raw), `"`), 64)
		return err == nil && compare(c.Op, n, *c.Value), nil
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		s = string(raw) // true, 42: compared as written
	}
	hit := oneOf(s, c.Values)
	if c.Op == Ne {
		return !hit, nil
	}
	return hit, nil
}

func matchAny(c *Condition, f *Facts) (bool, error) {
	for i := range c.Of {
		ok, err := holds(&c.Of[i], f)
		if err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
