package program

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
)

// Condition kinds programs add to the rule engine.
const (
	EventCount = "event_count" // the customer's events named one of Values, in the last Days, compared (Op) with Count: behaviour
	Random     = "random"      // the customer's A/B bucket 0–99 for this branch, compared (Op) with Value
	Consent    = "consent"     // the customer has not withdrawn consent on every channel in Values
	InList     = "in_list"     // the customer is on one of the lists in Values
	HasTag     = "has_tag"     // the customer has one of the tags in Values
)

// Ext is what program conditions read beyond the rules' facts; a branch
// puts one in rules.Facts.Ext.
type Ext interface {
	CountEvents(names []string, touchpoint string, days int) (int, error)
	Bucket() int
	MayContact(channel string) (bool, error)
	InList(list string) (bool, error)
	Tags() []string
}

// base are the rules' trigger kinds; program conditions hold on any.
var base = []string{rules.OnResponse, rules.OnEvent, rules.OnCustomer, rules.OnCase}

func init() {
	rules.RegisterCondition(EventCount, rules.ConditionSpec{Triggers: base, Check: checkEventCount, Match: matchEventCount})
	rules.RegisterCondition(Random, rules.ConditionSpec{Triggers: base, Check: checkRandom, Match: matchRandom})
	rules.RegisterCondition(Consent, rules.ConditionSpec{Triggers: base, Check: checkChannels, Match: matchConsent})
	rules.RegisterCondition(InList, rules.ConditionSpec{Triggers: base, Check: checkNames, Match: matchList})
	rules.RegisterCondition(HasTag, rules.ConditionSpec{Triggers: base, Check: checkNames, Match: matchTag})
	for _, kind := range []string{SendEmail, SendSMS, Webhook, SendSurvey, SetTrait, AddTag, RemoveTag, AddToList, RemoveFromList} {
		rules.RegisterAction(kind, rules.ActionSpec{}) // the fields beyond rules.Action are checked by Validate here
	}
}

// factsKind is the rules trigger whose facts a program trigger carries:
// segments, dates, schedules and API calls carry the customer's.
func factsKind(trigger string) string {
	switch trigger {
	case rules.OnEvent, rules.OnResponse:
		return trigger
	}
	return rules.OnCustomer
}

func checkEventCount(c *rules.Condition) error {
	if len(c.Values) == 0 {
		return errs.Field(op, "values", "event_count needs the event names to count")
	}
	if c.Days < 1 || c.Days > 3650 {
		return errs.Field(op, "days", "days must be 1 to 3650")
	}
	if c.Op == "" {
		c.Op = rules.Gte
	}
	if c.Count < 0 || (c.Count == 0 && (c.Op == rules.Lt)) {
		return errs.Field(op, "count", "no customer has fewer than 0 events, so this can never hold")
	}
	return checkOp(c.Op)
}

func checkOp(o string) error {
	switch o {
	case rules.Eq, rules.Ne, rules.Lt, rules.Lte, rules.Gt, rules.Gte:
		return nil
	}
	return errs.Field(op, "op", "op must be one of eq, ne, lt, lte, gt, gte, not %q", o)
}

func checkRandom(c *rules.Condition) error {
	if c.Value == nil {
		return errs.Field(op, "value", "a random split needs a value: the bucket (0–99) to compare with, e.g. op lt, value 50 for half")
	}
	if err := checkOp(c.Op); err != nil {
		return err
	}
	hit := 0
	for b := 0; b < 100; b++ {
		if compare(c.Op, float64(b), *c.Value) {
			hit++
		}
	}
	if hit == 0 || hit == 100 {
		return errs.Field(op, "value", "buckets run from 0 to 99, so %s %v takes %d%% of customers; a split needs between 1%% and 99%%", c.Op, *c.Value, hit)
	}
	return nil
}

func checkChannels(c *rules.Condition) error {
	if len(c.Values) == 0 {
		return errs.Field(op, "values", "consent needs the channels: email, sms or webhook")
	}
	for _, ch := range c.Values {
		if ch != "email" && ch != "sms" {
			return errs.Field(op, "values", "consent channel must be email or sms, not %q", ch)
		}
	}
	return nil
}

func checkNames(c *rules.Condition) error {
	if len(c.Values) == 0 {
		return errs.Field(op, "values", "%s needs at least one name; with none it can never match", c.Kind)
	}
	for _, v := range c.Values {
		if strings.TrimSpace(v) == "" || len(v) > 100 {
			return errs.Field(op, "values", "names must be 1 to 100 characters")
		}
	}
	return nil
}

func ext(f *rules.Facts) (Ext, error) {
	x, ok := f.Ext.(Ext)
	if !ok {
		return nil, fmt.Errorf("program conditions need program facts")
	}
	return x, nil
}

func matchEventCount(c *rules.Condition, f *rules.Facts) (bool, error) {
	x, err := ext(f)
	if err != nil {
		return false, err
	}
	n, err := x.CountEvents(c.Values, c.Touchpoint, c.Days)
	return err == nil && compare(c.Op, float64(n), float64(c.Count)), err
}

func matchRandom(c *rules.Condition, f *rules.Facts) (bool, error) {
	x, err := ext(f)
	return err == nil && compare(c.Op, float64(x.Bucket()), *c.Value), err
}

func matchConsent(c *rules.Condition, f *rules.Facts) (bool, error) {
	x, err := ext(f)
	if err != nil {
		return false, err
	}
	for _, ch := range c.Values {
		if ok, err := x.MayContact(ch); err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

func matchList(c *rules.Condition, f *rules.Facts) (bool, error) {
	x, err := ext(f)
	if err != nil {
		return false, err
	}
	for _, l := range c.Values {
		if ok, err := x.InList(l); err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}

func matchTag(c *rules.Condition, f *rules.Facts) (bool, error) {
	x, err := ext(f)
	if err != nil {
		return false, err
	}
	for _, t := range x.Tags() {
		for _, want := range c.Values {
			if t == want {
				return true, nil
			}
		}
	}
	return false, nil
}

func compare(o string, have, want float64) bool {
	switch o {
	case rules.Eq:
		return have == want
	case rules.Ne:
		return have != want
	case rules.Lt:
		return have < want
	case rules.Lte:
		return have <= want
	case rules.Gt:
		return have > want
	case rules.Gte:
		return have >= want
	}
	return false
}

// tagsOf reads the tags trait: a JSON array of strings.
func tagsOf(traits map[string]json.RawMessage) []string {
	var tags []string
	json.Unmarshal(traits["tags"], &tags)
	return tags
}
