package rules

import (
	"fmt"
	"slices"
)

// ConditionSpec says which triggers a condition kind makes sense for and
// how to check one; Match evaluates it.
type ConditionSpec struct {
	Triggers []string // trigger kinds whose facts the condition reads
	Check    func(c *Condition) error
	Match    func(c *Condition, f *Facts) (bool, error)
}

// ActionSpec checks one action and says what it sets off: the triggers
// (kind and reason) other rules may start on, for loop detection.
type ActionSpec struct {
	Check func(a *Action, env *Env) error
	Emits func(a *Action) []Emission
}

// Emission is a trigger an action sets off when it runs.
type Emission struct {
	Kind   string
	Reason string
}

// Env is what validation knows of the rule's workspace.
type Env struct {
	Teams map[string]bool // team names
	Rules []Rule          // the workspace's other rules, for loop detection
}

var (
	triggerKinds = []string{OnResponse, OnEvent, OnCustomer, OnCase}
	conditions   = map[string]ConditionSpec{}
	actions      = map[string]ActionSpec{}
)

// RegisterCondition adds a condition kind; it panics on a duplicate, a
// programming mistake found at start-up.
func RegisterCondition(kind string, s ConditionSpec) {
	if _, dup := conditions[kind]; dup {
		panic(fmt.Sprintf("rules: condition kind %q registered twice", kind))
	}
	conditions[kind] = s
}

// RegisterAction adds an action kind; it panics on a duplicate.
func RegisterAction(kind string, s ActionSpec) {
	if _, dup := actions[kind]; dup {
		panic(fmt.Sprintf("rules: action kind %q registered twice", kind))
	}
	actions[kind] = s
}

// RegisterTrigger adds a trigger kind.
func RegisterTrigger(kind string) {
	if !slices.Contains(triggerKinds, kind) {
		triggerKinds = append(triggerKinds, kind)
	}
}

func init() {
	all := []string{OnResponse, OnEvent, OnCustomer, OnCase}
	resp := []string{OnResponse}
	RegisterCondition(Score, ConditionSpec{Triggers: resp, Check: checkScore, Match: matchScore})
	RegisterCondition(Answer, ConditionSpec{Triggers: resp, Check: checkAnswer, Match: matchAnswer})
	RegisterCondition(CommentContains, ConditionSpec{Triggers: resp, Check: checkWords, Match: matchWords})
	RegisterCondition(CommentSentiment, ConditionSpec{Triggers: resp, Check: checkSentiment, Match: matchSentiment})
	RegisterCondition(Signal, ConditionSpec{Triggers: []string{OnEvent}, Check: checkSignal, Match: matchSignal})
	RegisterCondition(SignalCount, ConditionSpec{Triggers: all, Check: checkCount, Match: matchCount})
	RegisterCondition(Trait, ConditionSpec{Triggers: all, Check: checkTrait, Match: matchTrait})
	RegisterCondition(Any, ConditionSpec{Triggers: all, Check: nil, Match: matchAny})
	RegisterAction(OpenCase, ActionSpec{Check: checkOpenCase, Emits: func(a *Action) []Emission {
		return []Emission{{Kind: OnCase, Reason: a.Reason}}
	}})
	RegisterAction(RaisePriority, ActionSpec{Check: checkRaise})
	RegisterAction(Notify, ActionSpec{Check: checkNotify})
}
