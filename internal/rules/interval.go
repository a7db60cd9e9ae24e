package rules

import (
	"fmt"
	"math"
	"strings"
)

var symbol = map[string]string{Eq: "=", Ne: "≠", Lt: "<", Lte: "≤", Gt: ">", Gte: "≥", In: "in"}

// interval is the whole numbers a numeric fact may still take, after the
// comparisons applied so far; scores and signals are whole numbers.
type interval struct {
	lo, hi int
	not    []int
}

func (iv *interval) apply(op string, v float64) {
	switch op {
	case Eq:
		if v != math.Trunc(v) {
			iv.lo, iv.hi = 1, 0
			return
		}
		iv.lo, iv.hi = max(iv.lo, int(v)), min(iv.hi, int(v))
	case Ne:
		if v == math.Trunc(v) {
			iv.not = append(iv.not, int(v))
		}
	case Lt:
		iv.hi = min(iv.hi, int(math.Ceil(v))-1)
	case Lte:
		iv.hi = min(iv.hi, int(math.Floor(v)))
	case Gt:
		iv.lo = max(iv.lo, int(math.Floor(v))+1)
	case Gte:
		iv.lo = max(iv.lo, int(math.Ceil(v)))
	}
}

func (iv *interval) empty() bool {
	if iv.lo > iv.hi {
		return true
	}
	if iv.hi-iv.lo >= len(iv.not) {
		return false // more values than exclusions: one survives
	}
	for n := iv.lo; n <= iv.hi; n++ {
		if !contains(iv.not, n) {
			return false
		}
	}
	return true
}

func contains(list []int, n int) bool {
	for _, v := range list {
		if v == n {
			return true
		}
	}
	return false
}

// contradiction finds conditions that each may hold but never together:
// nps ≤ 6 and nps ≥ 9, or sentiment negative and sentiment positive.
func contradiction(when []Condition) error {
	type subject struct {
		iv    interval
		parts []string
	}
	subjects := map[string]*subject{}
	var sentiment []string
	var sentimentParts []string
	for i, c := range when {
		name, lo, hi, ok := numericSubject(c)
		if ok {
			s := subjects[name]
			if s == nil {
				s = &subject{iv: interval{lo: lo, hi: hi}}
				subjects[name] = s
			}
			s.iv.apply(c.Op, *c.Value)
			s.parts = append(s.parts, fmt.Sprintf("%s %s %v (when[%d])", name, symbol[c.Op], *c.Value, i))
			if s.iv.empty() {
				return cond("when", "these conditions can never all hold: %s", strings.Join(s.parts, " and "))
			}
		}
		if c.Kind == CommentSentiment {
			sentimentParts = append(sentimentParts, fmt.Sprintf("sentiment in %v (when[%d])", c.Values, i))
			sentiment = intersect(sentiment, c.Values, len(sentimentParts) == 1)
			if len(sentiment) == 0 {
				return cond("when", "these conditions can never all hold: %s", strings.Join(sentimentParts, " and "))
			}
		}
	}
	return nil
}

// numericSubject names the fact a numeric condition compares, with its
// domain.
func numericSubject(c Condition) (string, int, int, bool) {
	if c.Value == nil {
		return "", 0, 0, false
	}
	switch c.Kind {
	case Score:
		r := metricRange[c.Metric]
		return c.Metric, r[0], r[1], true
	case Signal:
		return "signal", -2, 2, true
	case Answer:
		return "answer " + c.Question, -1 << 31, 1 << 31, true
	}
	return "", 0, 0, false
}

func intersect(have, with []string, first bool) []string {
	if first {
		return append([]string(nil), with...)
	}
	var out []string
	for _, v := range have {
		if oneOf(v, with) {
			out = append(out, v)
		}
	}
	return out
}
