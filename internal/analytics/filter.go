package analytics

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Filter narrows a question to a period and a slice of the journey.
// Segment conditions on traits make the query read raw rows, bounded by
// maxRawRows; everything else is answered from rollups.
type Filter struct {
	From, To    time.Time // the period, [From, To)
	Touchpoints []string
	Stage       string
	Channel     string
	SurveyID    int64
	Question    string
	Language    string
	Segment     []TraitCondition
}

// TraitCondition is one condition on a customer trait, e.g. has_kids = true.
type TraitCondition struct {
	Trait string
	Op    string // eq, ne, gt, gte, lt, lte
	Value string // as written; true/false and numbers compare as such
}

// maxPeriod bounds a period: ten years is history, more is a mistake.
const maxPeriod = 10 * 366 * 24 * time.Hour

var traitName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// ParseFilter reads a filter from query parameters: from and to (RFC 3339
// or YYYY-MM-DD, in loc), touchpoint (repeatable or comma-separated),
// stage, channel, survey, question, language, and segment conditions like
// segment=has_kids:eq:true. The period defaults to the 30 days before now.
func ParseFilter(q url.Values, loc *time.Location, now time.Time) (Filter, error) {
	const op = "analytics.Filter"
	var f Filter
	var err error
	if f.To, err = parseTime(q.Get("to"), loc, now); err != nil {
		return f, errs.Field(op, "to", "to must be a date (YYYY-MM-DD) or an RFC 3339 time")
	}
	if f.From, err = parseTime(q.Get("from"), loc, f.To.AddDate(0, 0, -30)); err != nil {
		return f, errs.Field(op, "from", "from must be a date (YYYY-MM-DD) or an RFC 3339 time")
	}
	if !f.From.Before(f.To) {
		return f, errs.Field(op, "from", "the period is empty: from must be before to")
	}
	if f.To.Sub(f.From) > maxPeriod {
		return f, errs.Field(op, "from", "a period can be at most ten years")
	}
	for _, v := range q["touchpoint"] {
		for _, tp := range strings.Split(v, ",") {
			if tp = strings.TrimSpace(tp); tp != "" {
				f.Touchpoints = append(f.Touchpoints, tp)
			}
		}
	}
	if len(f.Touchpoints) > 100 {
		return f, errs.Field(op, "touchpoint", "at most 100 touchpoints at once")
	}
	f.Stage, f.Channel, f.Question, f.Language = q.Get("stage"), q.Get("channel"), q.Get("question"), q.Get("language")
	if s := q.Get("survey"); s != "" {
		if f.SurveyID, err = strconv.ParseInt(s, 10, 64); err != nil || f.SurveyID <= 0 {
			return f, errs.Field(op, "survey", "survey must be a survey id")
		}
	}
	f.Segment, err = parseSegment(q["segment"])
	return f, err
}

func parseTime(s string, loc *time.Location, def time.Time) (time.Time, error) {
	if s == "" {
		return def, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

func parseSegment(values []string) ([]TraitCondition, error) {
	const op = "analytics.Filter"
	var out []TraitCondition
	for _, v := range values {
		parts := strings.SplitN(v, ":", 3)
		if len(parts) != 3 || !traitName.MatchString(parts[0]) {
			return nil, errs.Field(op, "segment", "segment %q must read trait:op:value, e.g. has_kids:eq:true", v)
		}
		switch parts[1] {
		case "eq", "ne", "gt", "gte", "lt", "lte":
		default:
			return nil, errs.Field(op, "segment", "segment operator %q must be eq, ne, gt, gte, lt or lte", parts[1])
		}
		out = append(out, TraitCondition{Trait: parts[0], Op: parts[1], Value: parts[2]})
	}
	if len(out) > 10 {
		return nil, errs.Field(op, "segment", "at most 10 segment conditions")
	}
	return out, nil
}

// previous is the same filter over the period just before.
func (f Filter) previous() Filter {
	p := f
	p.From, p.To = f.From.Add(-f.To.Sub(f.From)), f.From
	return p
}
