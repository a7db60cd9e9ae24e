package textan

import (
	"bytes"
	"math"
)

// Tuning constants, set on our tuning sets (testdata/*_tune.tsv).
const (
	negPraise    = 0.85 // "not good" is a little less negative than "bad" is
	negComplaint = 0.5  // "not bad" is only mildly positive
	condW        = 0.5  // weight of a clause opened by if/اگر
	beforeBut    = 0.5  // weight of the clauses before a contrast
	afterBut     = 1.5  // weight of the clause after a contrast
	beforeButFa  = 0.7  // before ولی/اما: Persian customers weigh both halves (dev sets, docs/benchmarks.md)
	afterButFa   = 1.3  // after ولی/اما
	conceded     = 0.5  // weight of a clause opened by although/هرچند
	reserved     = 0.5  // weight of a clause opened by فقط after praise: "خوب بود فقط سرد بود"
	questionW    = 0.4  // weight of a clause that ends in a question mark
	leadW        = 1.35 // weight of the first opinion clause of a Persian comment with no contrast on it (dev rows, docs/benchmarks.md)
	squashAlpha  = 5.0  // raw sum → score in (-1,1): raw/sqrt(raw²+alpha)
	neutralBand  = 0.2  // |score| below this is neutral
	window       = 3    // words a negator reaches
	maxTokens    = 20000
)

// Analyze reads one comment. It never fails: empty or letterless text gives
// a neutral result with Language "".
func (a *Analyzer) Analyze(text string) Result {
	sc := a.scratch.Get().(*scratch)
	defer a.scratch.Put(sc)
	sc.w.reset()
	sc.w.write(text)
	sc.toks = tokenize(sc.w.buf, sc.toks[:0])
	if len(sc.toks) > maxTokens {
		sc.toks = sc.toks[:maxTokens] // bounds work on pasted documents
	}
	sc.grow(len(sc.toks))
	a.resolve(sc)
	sc.structure()
	sc.context()
	st := a.score(sc)
	return a.result(sc, st)
}

// structure assigns every token a clause (for contrast weights and negation
// scope) and an aspect span (clause parts split further by and/و).
func (sc *scratch) structure() {
	sc.clauseW = append(sc.clauseW[:0], 1)
	sc.clauseWish = append(sc.clauseWish[:0], false)
	sc.clauseRes = append(sc.clauseRes[:0], false)
	clause, seg, sentStart := 0, 0, 0
	boostNext, boostAfterComma, raising := false, false, false
	newClause := func(w float64) {
		clause++
		if boostNext {
			w *= afterBut
			boostNext = false
		}
		sc.clauseW = append(sc.clauseW, w)
		sc.clauseWish = append(sc.clauseWish, false)
		sc.clauseRes = append(sc.clauseRes, false)
		raising = false
	}
	for i := range sc.toks {
		sc.clauseOf[i], sc.segOf[i] = int32(clause), int32(seg)
		t, f := &sc.toks[i], sc.infos[i].flags
		sc.raised[i] = raising
		if f&fRaise != 0 && !sc.covered[i] {
			raising = true // "I don't think it was good": the rest of the clause is denied
		}
		switch {
		case t.kind == tokPunct:
			if t.punct == '?' {
				sc.clauseW[clause] *= questionW
			}
			if t.punct != ',' && t.punct != ':' {
				sentStart = clause + 1
			}
			boostNext = boostNext || boostAfterComma
			boostAfterComma = false
			newClause(1)
			seg++
		case f&fContrast != 0 && !sc.covered[i] && !sc.toks[i].latin:
			// "غذا خوب بود ولی سرد بود": the praise before keeps most of its
			// weight, the clause after counts a little more.
			for c := sentStart; c <= clause; c++ {
				sc.clauseW[c] *= beforeButFa
			}
			sentStart = clause + 1
			newClause(afterButFa)
			seg++
		case f&fContrast != 0 && !sc.covered[i]:
			for c := sentStart; c <= clause; c++ {
				sc.clauseW[c] *= beforeBut
			}
			sentStart = clause + 1 // each clause is damped once: linear on "but but but…"
			boostNext = true
			newClause(1)
			seg++
		case f&fSum != 0 && !sc.covered[i]:
			// "…، ولی در کل راضیم": a summing-up weighs the whole comment
			// so far, not only its own sentence, and decides like a contrast.
			for c := 0; c <= clause; c++ {
				sc.clauseW[c] *= beforeBut
			}
			sentStart = clause + 1
			boostNext = true
			newClause(1)
			seg++
		case f&fCond != 0 && !sc.covered[i]:
			newClause(condW)
			seg++
		case f&fConcede != 0 && !sc.covered[i]:
			newClause(conceded)
			boostAfterComma = true
			seg++
		case f&fReserve != 0 && !sc.covered[i] && !sc.toks[i].latin:
			newClause(1)
			sc.clauseRes[clause] = true
			seg++
		case f&fWish != 0 && !sc.covered[i]:
			newClause(1)
			sc.clauseWish[clause] = true
			seg++
		case f&fAnd != 0 && !sc.covered[i]:
			raising = false // "I don't think we'll go back, because…": the reason is not denied
			seg++
		}
	}
	sc.markResolved(clause + 1)
	sc.clauseS = resize(sc.clauseS, clause+1)
	sc.segS = resize(sc.segS, seg+1)
}

// markResolved flags the clauses that say their problem was dealt with.
func (sc *scratch) markResolved(n int) {
	sc.clauseR = resize(sc.clauseR, n)
	for i := range sc.toks {
		if sc.infos[i].flags&fResolve != 0 && !sc.covered[i] && !sc.purpose(i) {
			sc.clauseR[sc.clauseOf[i]] = true
		}
	}
}

// squash maps a raw polarity sum into (-1, 1).
func squash(raw float64) float64 {
	if raw == 0 {
		return 0
	}
	return raw / math.Sqrt(raw*raw+squashAlpha)
}

// purpose reports a resolution that is only aimed at or hoped for: "برای
// حل این مشکل" (to solve this problem), "امیدوارم مشکل حل بشه" (I hope it
// gets solved) say the problem is there, not that it went.
func (sc *scratch) purpose(i int) bool {
	if sc.toks[i].latin {
		return false
	}
	if i > 0 && bytes.Equal(sc.word(i-1), faBaraye) {
		return true
	}
	if i+1 < len(sc.toks) && !sc.covered[i+1] && sc.toks[i+1].kind == tokWord {
		for _, v := range faHoped {
			if bytes.Equal(sc.word(i+1), v) {
				return true
			}
		}
	}
	return false
}

var (
	faBaraye = []byte("برای")
	// faHoped are subjunctive and imperative forms after حل / برطرف.
	faHoped = [][]byte{[]byte("شود"), []byte("بشود"), []byte("بشه"), []byte("شه"), []byte("کنید"),
		[]byte("کنین"), []byte("کنند"), []byte("کنن"), []byte("بکنید"), []byte("بکنن")}
)
