package textan

import (
	"maps"
	"slices"
	"strings"
	"sync"
)

// Analyzer scores comments with the default lexicons, a workspace's themes
// and, when given, the model learned from that workspace's comments.
// It is safe for concurrent use.
type Analyzer struct {
	lex     *lexicon
	themes  []Theme
	model   *Model
	weight  float64 // share of the learned model in the blended score
	scratch sync.Pool
}

// NewAnalyzer builds an analyser for a theme set (nil means DefaultThemes)
// and an optional learned model (nil means lexicon only, the cold start).
func NewAnalyzer(themes []Theme, model *Model) *Analyzer {
	if themes == nil {
		themes = DefaultThemes()
	}
	a := &Analyzer{
		lex:    &lexicon{words: maps.Clone(baseLex.words), phrases: maps.Clone(baseLex.phrases)},
		themes: slices.Clone(themes),
		model:  model,
	}
	a.addThemes()
	if model != nil {
		a.addModel(model)
		a.weight = model.blendWeight()
	}
	a.scratch.New = func() any { return new(scratch) }
	return a
}

// addThemes indexes every theme keyword, then lets a phrase that contains
// a keyword (waste of money) name the keyword's theme too.
func (a *Analyzer) addThemes() {
	for i, t := range a.themes {
		idx := uint16(i)
		for _, kw := range slices.Concat(t.KeywordsFa, t.KeywordsEn) {
			a.lex.update(kw, func(wi *wordInfo) { wi.themes = addTheme(wi.themes, idx) })
		}
	}
	for key, wi := range a.lex.phrases {
		for w := range strings.SplitSeq(key, " ") {
			for _, t := range a.lex.words[w].themes {
				wi.themes = addTheme(wi.themes, t)
			}
		}
		a.lex.phrases[key] = wi
	}
}

// addTheme appends without sharing the backing array of a cloned entry.
func addTheme(ts []uint16, t uint16) []uint16 {
	if slices.Contains(ts, t) {
		return ts
	}
	return append(slices.Clip(ts), t)
}

// addModel copies the learned unigram weights into the word map so a
// token still costs one look-up.
func (a *Analyzer) addModel(m *Model) {
	for f, lo := range m.weights {
		if strings.IndexByte(f, ' ') >= 0 {
			continue
		}
		wi := a.lex.words[f]
		wi.lo, wi.flags = lo, wi.flags|fHasLo
		a.lex.words[f] = wi
	}
}

// Themes returns the analyser's theme set.
func (a *Analyzer) Themes() []Theme { return slices.Clone(a.themes) }

// scratch holds the buffers one Analyze call reuses.
type scratch struct {
	w          normWriter
	toks       []token
	infos      []wordInfo
	exact      []bool // the info came from an exact single-word match
	covered    []bool // inside a phrase that started earlier
	consumed   []bool // a negator that already denied a word
	neg        []bool // the word is denied (negator, negated verb or a raised denial)
	raised     []bool // inside a clause after "I don't think"
	clauseOf   []int32
	segOf      []int32
	clauseW    []float64
	clauseR    []bool // the clause says a problem was resolved
	clauseWish []bool // the clause says what the writer wishes were so
	clauseRes  []bool // the clause is opened by فقط: a reservation if praise came before
	clauseS    []float64
	segS       []float64
	key        []byte
}

func (sc *scratch) grow(n int) {
	sc.infos = resize(sc.infos, n)
	sc.exact = resize(sc.exact, n)
	sc.covered = resize(sc.covered, n)
	sc.consumed = resize(sc.consumed, n)
	sc.neg = resize(sc.neg, n)
	sc.raised = resize(sc.raised, n)
	sc.clauseOf = resize(sc.clauseOf, n)
	sc.segOf = resize(sc.segOf, n)
}

// resize returns s with length n and zeroed elements, reusing its array.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}
