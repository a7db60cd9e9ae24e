package rules

import (
	"strings"
	"unicode/utf8"
)

// metricRange is the score range of each survey metric.
var metricRange = map[string][2]int{"nps": {0, 10}, "csat": {1, 5}, "ces": {1, 7}}

var numericOps = []string{Eq, Ne, Lt, Lte, Gt, Gte}

func checkScore(c *Condition) error {
	r, ok := metricRange[c.Metric]
	if !ok {
		return cond("metric", "metric must be nps, csat or ces, not %q", c.Metric)
	}
	return checkNumber(c, c.Metric, r[0], r[1])
}

// checkNumber checks a numeric comparison against the domain [lo, hi]: a
// comparison no value in the domain passes can never match.
func checkNumber(c *Condition, name string, lo, hi int) error {
	if !oneOf(c.Op, numericOps) {
		return cond("op", "op must be one of eq, ne, lt, lte, gt, gte, not %q", c.Op)
	}
	if c.Value == nil {
		return cond("value", "a %s condition needs a numeric value", c.Kind)
	}
	iv := interval{lo: lo, hi: hi}
	iv.apply(c.Op, *c.Value)
	if iv.empty() {
		return cond("value", "%s runs from %d to %d, so %s %s %v can never hold", name, lo, hi, name, symbol[c.Op], *c.Value)
	}
	return nil
}

func checkAnswer(c *Condition) error {
	if c.Question == "" {
		return cond("question", "an answer condition needs the question's id")
	}
	if c.Value != nil {
		return checkNumber(c, c.Question, -1<<31, 1<<31)
	}
	if !oneOf(c.Op, []string{Eq, Ne, In}) {
		return cond("op", "an answer condition on choices takes eq, ne or in, not %q", c.Op)
	}
	if len(c.Values) == 0 {
		return cond("values", "an answer condition needs a value or the choices to look for; with none it can never match")
	}
	return nil
}

func checkWords(c *Condition) error {
	if len(c.Values) == 0 {
		return cond("values", "comment_contains needs at least one word; with none it can never match")
	}
	for i, w := range c.Values {
		if strings.TrimSpace(w) == "" || utf8.RuneCountInString(w) > 100 {
			return cond("values", "word %d must be 1 to 100 characters", i+1)
		}
	}
	return nil
}

var sentiments = []string{"positive", "neutral", "negative"}

func checkSentiment(c *Condition) error {
	if len(c.Values) == 0 {
		return cond("values", "comment_sentiment needs the sentiments to match: positive, neutral or negative")
	}
	for _, v := range c.Values {
		if !oneOf(v, sentiments) {
			return cond("values", "sentiment must be positive, neutral or negative, not %q", v)
		}
	}
	return nil
}

func checkSignal(c *Condition) error { return checkNumber(c, "signal", -2, 2) }

func checkCount(c *Condition) error {
	if c.Value == nil {
		return cond("value", "signal_count needs the highest signal to count, e.g. -1")
	}
	if *c.Value < -2 {
		return cond("value", "signals run from -2 to 2, so none is %v or lower and the count can never be reached", *c.Value)
	}
	if c.Count < 1 || c.Count > 1000 {
		return cond("count", "count must be 1 to 1000")
	}
	if c.Days < 1 || c.Days > 365 {
		return cond("days", "days must be 1 to 365")
	}
	return nil
}

func checkTrait(c *Condition) error {
	if c.Trait == "" {
		return cond("trait", "a trait condition needs the trait's name")
	}
	if c.Value != nil {
		if !oneOf(c.Op, numericOps) {
			return cond("op", "op must be one of eq, ne, lt, lte, gt, gte, not %q", c.Op)
		}
		return nil
	}
	if !oneOf(c.Op, []string{Eq, Ne, In}) {
		return cond("op", "a trait condition on text takes eq, ne or in, not %q", c.Op)
	}
	if len(c.Values) == 0 {
		return cond("values", "a trait condition needs a value; with none it can never match")
	}
	return nil
}

func checkOpenCase(a *Action, env *Env) error {
	a.Reason = strings.TrimSpace(a.Reason)
	if a.Reason == "" || utf8.RuneCountInString(a.Reason) > 80 {
		return cond("reason", "open_case needs a reason of 1 to 80 characters; one case per customer and reason stays open")
	}
	if a.Priority != "" && PriorityIndex(a.Priority) < 0 {
		return cond("priority", "priority must be low, normal, high or urgent, not %q", a.Priority)
	}
	if a.Team != "" && env != nil && !env.Teams[a.Team] {
		return cond("team", "there is no team %q in this workspace", a.Team)
	}
	return nil
}

func checkRaise(a *Action, _ *Env) error {
	if a.Priority != "" && PriorityIndex(a.Priority) < 0 {
		return cond("priority", "priority must be low, normal, high or urgent, not %q", a.Priority)
	}
	return nil
}

// NotifyTargets are who a notify action can alert.
var NotifyTargets = []string{"owner", "team", "lead", "managers"}

func checkNotify(a *Action, _ *Env) error {
	if !oneOf(a.To, NotifyTargets) {
		return cond("to", "notify needs to: owner, team, lead or managers, not %q", a.To)
	}
	return nil
}

func oneOf(s string, list []string) bool {
	for _, v := range list {
		if s == v {
			return true
		}
	}
	return false
}
