package analytics

import (
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
)

// clause builds a WHERE clause and its arguments.
type clause struct {
	parts []string
	args  []any
}

func (c *clause) add(sql string, args ...any) {
	c.parts = append(c.parts, sql)
	c.args = append(c.args, args...)
}

func (c *clause) String() string { return strings.Join(c.parts, " AND ") }

// rollupWhere filters a rollup table by workspace, local days and the
// journey slice. scores says the table has survey, question and language.
func (f Filter) rollupWhere(ws int64, loc *time.Location, scores bool) *clause {
	c := &clause{}
	c.add("workspace_id = ?", ws)
	c.add("day >= ? AND day < ?", int(DayOf(f.From, loc)), int(DayOf(f.To.Add(-time.Millisecond), loc))+1)
	f.journeyWhere(c, ws, "touchpoint", "channel")
	if scores {
		if f.SurveyID != 0 {
			c.add("survey_id = ?", f.SurveyID)
		}
		if f.Question != "" {
			c.add("question = ?", f.Question)
		}
		if f.Language != "" {
			c.add("language = ?", f.Language)
		}
	}
	return c
}

// journeyWhere adds the touchpoint, stage and channel conditions.
func (f Filter) journeyWhere(c *clause, ws int64, touchpoint, channel string) {
	if len(f.Touchpoints) > 0 {
		c.add(touchpoint+" IN ("+marks(len(f.Touchpoints))+")", anys(f.Touchpoints)...)
	}
	if f.Stage != "" {
		c.add(touchpoint+" IN (SELECT key FROM touchpoints WHERE workspace_id = ? AND stage = ?)", ws, f.Stage)
	}
	if f.Channel != "" {
		c.add(channel+" = ?", f.Channel)
	}
}

// segmentWhere adds trait conditions on the customers table aliased c.
func (f Filter) segmentWhere(cl *clause, d store.Dialect) {
	for _, t := range f.Segment {
		sql, args := traitSQL(d, t)
		cl.add(sql, args...)
	}
}

var sqlOps = map[string]string{"eq": "=", "ne": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<="}

// traitSQL compares a JSON trait with the condition's value, typed as the
// value reads: true/false as booleans, numbers as numbers, else text.
func traitSQL(d store.Dialect, t TraitCondition) (string, []any) {
	op := sqlOps[t.Op]
	path := "$." + t.Trait
	switch {
	case t.Value == "true" || t.Value == "false":
		if d == store.Postgres {
			return "c.traits -> ? " + op + " ?::jsonb", []any{t.Trait, t.Value}
		}
		return "json_type(c.traits, ?) " + op + " ?", []any{path, t.Value}
	case isNumber(t.Value):
		if d == store.Postgres {
			return "(CASE WHEN jsonb_typeof(c.traits -> ?) = 'number' THEN (c.traits ->> ?)::numeric END) " + op + " ?::numeric",
				[]any{t.Trait, t.Trait, t.Value}
		}
		return "(CASE WHEN json_type(c.traits, ?) IN ('integer', 'real') THEN json_extract(c.traits, ?) END) " + op + " CAST(? AS REAL)",
			[]any{path, path, t.Value}
	}
	if d == store.Postgres {
		return "c.traits ->> ? " + op + " ?", []any{t.Trait, t.Value}
	}
	return "(CASE WHEN json_type(c.traits, ?) = 'text' THEN json_extract(c.traits, ?) END) " + op + " ?", []any{path, path, t.Value}
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == '-' && i == 0) {
			return false
		}
	}
	return true
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
