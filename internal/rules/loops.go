package rules

import (
	"fmt"
	"slices"
	"strings"
)

// findLoop refuses a rule whose actions set off rules that, one after
// another, set it off again: a case opened for "x" that a rule on "x"
// cases answers by opening another "x" case would never end.
func findLoop(r *Rule, env *Env) error {
	all := []Rule{*r}
	if env != nil {
		for _, o := range env.Rules {
			if o.ID == 0 || o.ID != r.ID {
				all = append(all, o)
			}
		}
	}
	path := []step{}
	seen := map[int]bool{}
	if cycle := walk(all, 0, path, seen); cycle != nil {
		return cond("then", "this rule would loop: %s", describe(all, cycle))
	}
	return nil
}

// step is one hop of a chain: rule i emits e.
type step struct {
	rule int
	emit Emission
}

// walk follows what rule i sets off, depth first, and returns the chain
// that comes back to rule 0, or nil.
func walk(all []Rule, i int, path []step, seen map[int]bool) []step {
	seen[i] = true
	defer delete(seen, i)
	for _, e := range emissions(&all[i]) {
		next := append(slices.Clip(path), step{rule: i, emit: e})
		for j := range all {
			if !starts(&all[j], e) {
				continue
			}
			if j == 0 {
				return next
			}
			if !seen[j] {
				if c := walk(all, j, next, seen); c != nil {
					return c
				}
			}
		}
	}
	return nil
}

func emissions(r *Rule) []Emission {
	var out []Emission
	for i := range r.Then {
		if spec, ok := actions[r.Then[i].Kind]; ok && spec.Emits != nil {
			out = append(out, spec.Emits(&r.Then[i])...)
		}
	}
	return out
}

// starts reports whether emission e sets off rule r.
func starts(r *Rule, e Emission) bool {
	return r.Trigger.Kind == e.Kind && (r.Trigger.Reason == "" || r.Trigger.Reason == e.Reason)
}

func describe(all []Rule, cycle []step) string {
	var b strings.Builder
	for _, s := range cycle {
		fmt.Fprintf(&b, "rule %q sets off a %s trigger (reason %q), which starts ", all[s.rule].Name, s.emit.Kind, s.emit.Reason)
	}
	fmt.Fprintf(&b, "rule %q again", all[0].Name)
	return b.String()
}
