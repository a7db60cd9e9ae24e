package program

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/locale"
)

// Fields a template may use as {{name}} or {{name|what to write when it is
// missing}}; trait.X reads any trait and event.X a property of the event
// that started the program.
var Fields = map[string]string{
	"first_name":      "the customer's first name (trait first_name, or the first word of name)",
	"last_name":       "the customer's last name",
	"name":            "the customer's full name",
	"city":            "the customer's city",
	"brand":           "the workspace's name",
	"today":           "today's date, Jalali in Persian",
	"date":            "the date a date trigger planned from, Jalali in Persian",
	"unsubscribe_url": "the one-click unsubscribe page (added to promotional e-mail anyway)",
}

// placeholders returns the field names in s, in order, with their
// fallbacks, or an error naming a malformed one.
func placeholders(s string) ([][2]string, error) {
	var out [][2]string
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			if strings.Contains(s, "}}") {
				return nil, fmt.Errorf("a }} has no {{ before it")
			}
			return out, nil
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return nil, fmt.Errorf("a {{ is never closed with }}")
		}
		inner := s[i+2 : i+j]
		name, fallback, _ := strings.Cut(inner, "|")
		out = append(out, [2]string{strings.TrimSpace(name), fallback})
		s = s[i+j+2:]
	}
}

// checkText refuses unknown fields and malformed braces.
func checkText(s string) error {
	ph, err := placeholders(s)
	if err != nil {
		return err
	}
	for _, p := range ph {
		name := p[0]
		if _, ok := Fields[name]; ok {
			continue
		}
		if rest, ok := strings.CutPrefix(name, "trait."); ok && rest != "" {
			continue
		}
		if rest, ok := strings.CutPrefix(name, "event."); ok && rest != "" {
			continue
		}
		return fmt.Errorf("unknown field {{%s}}; use one of %s, trait.<name> or event.<property>", name, fieldList())
	}
	return nil
}

func fieldList() string {
	names := make([]string, 0, len(Fields))
	for k := range Fields {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// data is what a template is filled from, for one customer.
type data struct {
	lang        string
	loc         *time.Location
	now         time.Time
	brand       string
	traits      map[string]json.RawMessage
	props       map[string]json.RawMessage
	date        time.Time
	unsubscribe string
}

// fill replaces each field with the customer's value, in the language's
// digits and calendar; a missing value takes the fallback, or nothing.
func fill(s string, d *data) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "{{")
		j := strings.Index(s[max(i, 0):], "}}")
		if i < 0 || j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		name, fallback, _ := strings.Cut(s[i+2:i+j], "|")
		v := d.value(strings.TrimSpace(name))
		if v == "" {
			v = fallback
		}
		b.WriteString(v)
		s = s[i+j+2:]
	}
}

func (d *data) value(name string) string {
	switch name {
	case "brand":
		return d.brand
	case "today":
		return d.formatDate(d.now)
	case "date":
		if d.date.IsZero() {
			return ""
		}
		return d.formatDate(d.date)
	case "unsubscribe_url":
		return d.unsubscribe
	case "first_name":
		if v := d.text(d.traits["first_name"]); v != "" {
			return v
		}
		f := strings.Fields(d.text(d.traits["name"]))
		if len(f) > 0 {
			return f[0]
		}
		return ""
	}
	if rest, ok := strings.CutPrefix(name, "event."); ok {
		return d.text(d.props[rest])
	}
	return d.text(d.traits[strings.TrimPrefix(name, "trait.")])
}

// text writes a JSON value for a reader: dates in the language's
// calendar, numbers in its digits.
func (d *data) text(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return locale.LocalDigits(string(raw), d.lang)
	}
	if t, ok := asDate(s, d.loc); ok {
		return d.formatDate(t)
	}
	return s
}

func (d *data) formatDate(t time.Time) string {
	return locale.FormatDateLong(t.In(d.loc), d.lang, locale.DefaultCalendar(d.lang))
}

// asDate reads a trait value that is a date.
func asDate(s string, loc *time.Location) (time.Time, bool) {
	if len(s) < 8 || len(s) > 40 {
		return time.Time{}, false
	}
	t, err := parseDate(s, loc)
	return t, err == nil
}

// pick chooses the template's text in lang, or its other language.
func (t *Template) pick(lang string) (*Text, string) {
	if lang == "en" && t.EN != nil || t.FA == nil {
		return t.EN, "en"
	}
	return t.FA, "fa"
}
