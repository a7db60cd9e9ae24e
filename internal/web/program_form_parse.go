package web

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
)

// conditions reads a JSON list of the rule engine's conditions; a single
// condition without the brackets is taken too.
func conditions(field, text string) ([]rules.Condition, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	if !strings.HasPrefix(text, "[") {
		text = "[" + text + "]"
	}
	var out []rules.Condition
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return nil, errs.Field("web.program", field, "conditions are not valid JSON: %v", err)
	}
	return out, nil
}

// conditionsText writes conditions one a line, as the form shows them.
func conditionsText(cs []rules.Condition) string {
	if len(cs) == 0 {
		return ""
	}
	lines := make([]string, len(cs))
	for i, c := range cs {
		b, _ := json.Marshal(c)
		lines[i] = string(b)
	}
	return "[" + strings.Join(lines, ",\n") + "]"
}

// formInt reads a whole number typed in any digits; empty is 0.
func formInt(field, s string) (int, error) {
	n, err := formInt64(field, s)
	return int(n), err
}

func formInt64(field, s string) (int64, error) {
	s = strings.TrimSpace(latin(s))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, errs.Field("web.program", field, "%q is not a whole number", s)
	}
	return n, nil
}

// optionalFormInt reads a number that may be left out.
func optionalFormInt(field, s string) (*int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	n, err := formInt(field, s)
	return &n, err
}

// splitList reads names separated by commas (Latin or Persian).
func splitList(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '،' || r == '\n' }) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func hhmm(h, m int) string { return fmt.Sprintf("%02d:%02d", h, m) }

func weekday(n int) time.Weekday { return time.Weekday(n) }

func itoa(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}
