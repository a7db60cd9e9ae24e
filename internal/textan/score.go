package textan

import "bytes"

// tally is what the polarity pass found in a comment.
type tally struct {
	lexScore float64
	score    float64
	emo      uint16
	exclaims int
	fa, en   int // words in Persian and in Latin script
}

// score runs the polarity pass and blends in the learned model.
func (a *Analyzer) score(sc *scratch) tally {
	var st tally
	sc.findNegations()
	for i := range sc.toks {
		a.scoreToken(sc, i, &st)
	}
	raw := 0.0
	lead := sc.leadClause(&st)
	for c, s := range sc.clauseS {
		w := sc.clauseW[c]
		if c == lead {
			w *= leadW // "پیتزا عالی بود، سیب زمینی خیلی بد بود": the first verdict leads
		}
		if sc.clauseRes[c] && raw > 0 {
			w *= reserved // "خوب بود فقط یکم سرد بود": only a reservation after praise
		}
		raw += s * w
	}
	raw *= 1 + 0.1*float64(min(st.exclaims, 3))
	st.lexScore = squash(raw)
	st.score = st.lexScore
	if a.model != nil {
		// The learned log-odds join the lexicon's evidence before squashing,
		// so a comment the model knows nothing about keeps its lexicon score.
		st.score = squash(raw + a.weight*a.model.temperature*a.modelLogOdds(sc))
	}
	return st
}

// leadClause is the clause that opens a Persian comment of several clauses
// with its first opinion, when no contrast, condition or question has
// already weighed it: customers lead with their verdict and list the rest
// after it. It returns -1 when there is none.
func (sc *scratch) leadClause(st *tally) int {
	if st.fa <= st.en || len(sc.clauseS) < 2 {
		return -1
	}
	for c, s := range sc.clauseS {
		if s != 0 {
			if sc.clauseW[c] != 1 {
				return -1
			}
			return c
		}
	}
	return -1
}

func (a *Analyzer) scoreToken(sc *scratch, i int, st *tally) {
	t := &sc.toks[i]
	switch t.kind {
	case tokPunct:
		if t.punct == '!' {
			st.exclaims++
		}
		return
	case tokWord:
		if t.num {
			break
		}
		if t.latin {
			st.en++
		} else {
			st.fa++
		}
	}
	if sc.covered[i] {
		return
	}
	wi := &sc.infos[i]
	v, negated := sc.polarity(i), sc.neg[i]
	switch {
	case sc.consumed[i]:
		v = 0 // a negator that denied a word says nothing of its own (never, ندارد)
	case (v != 0 || wi.negPol != 0) && t.kind == tokWord:
		switch {
		case negated && wi.flags&fBest != 0:
			v = -v // از این بهتر نمیشه: nothing is better than this, praise as strong as the word
		case negated && wi.flags&fNoFlip == 0:
			v = flip(v, wi.negPol)
		}
		v *= sc.intensity(i)
	}
	if sc.clauseWish[sc.clauseOf[i]] && v > 0 {
		v = -v * wishW // "I wish it were faster": the speed is missing
	}
	if v < 0 && sc.clauseR[sc.clauseOf[i]] && wi.flags&fResolve == 0 {
		v = 0 // "my issue was resolved": the issue is no longer a complaint
	}
	if wi.emo != 0 && !negated {
		st.emo |= wi.emo
	}
	sc.clauseS[sc.clauseOf[i]] += v
	sc.segS[sc.segOf[i]] += v
}

// polarity is token i's own polarity before negation and modifiers: none
// for a modifier that modifies ("pretty sure") or for a Persian unit after a
// number (۱۲۹ گرم is a weight, not warm food), unless a phrase starts there.
func (sc *scratch) polarity(i int) float64 {
	wi := &sc.infos[i]
	nextWord := i+1 < len(sc.toks) && sc.toks[i+1].kind == tokWord
	switch {
	case wi.mult != 0 && nextWord && (wi.pol == 0 || sc.toks[i].latin || sc.dualIntensifies(i)):
		return 0
	case i > 0 && sc.toks[i-1].num && !sc.toks[i].latin && !(nextWord && sc.covered[i+1]) && wi.flags&fNoFlip == 0:
		return 0 // Persian units only: "100% late" is still late; a wait (۴۵ دقیقه) is read by wait
	}
	return float64(wi.pol)
}

// dualIntensifies reports a Persian opinion word that is also an
// intensifier, used as one: "فوق العاده شور" is very salty, while
// "فوق العاده بود" is praise of its own.
func (sc *scratch) dualIntensifies(j int) bool {
	if sc.toks[j].latin || sc.infos[j].pol == 0 || sc.infos[j].mult == 0 {
		return false
	}
	k := j + 1
	for k < len(sc.toks) && sc.covered[k] {
		k++
	}
	return k < len(sc.toks) && sc.toks[k].kind == tokWord && (sc.infos[k].pol != 0 || sc.infos[k].qty != 0)
}

// flip is the polarity of a negated word: its own negated polarity when
// the lexicon gives one (not work, کار نمیکنه), else the opposite sign,
// strong for a denied praise (not good) and mild for a denied complaint
// (not bad).
func flip(v float64, negPol float32) float64 {
	switch {
	case negPol != 0:
		return float64(negPol)
	case v > 0:
		return -v * negPraise
	}
	return -v * negComplaint
}

// findNegations decides, in text order, which opinion words are denied,
// before any is scored, so a negator knows whether it denied something
// (never recommend) or stands alone (never brought my salad). A sentence
// adverb (متاسفانه) is never denied and leaves the verb to the word it
// belongs to: "متاسفانه توجه نشده بود".
func (sc *scratch) findNegations() {
	for i := range sc.toks {
		wi := &sc.infos[i]
		if sc.covered[i] || sc.toks[i].kind != tokWord || sc.consumed[i] || wi.flags&fAdverb != 0 {
			continue
		}
		if sc.polarity(i) != 0 || wi.negPol != 0 {
			if sc.excepted(i) {
				continue // "هیچ کلمه‌ای بجز عالی نمیشه وصفش کرد": the exception is affirmed
			}
			sc.neg[i] = (sc.negated(i) || sc.coordinated(i)) != sc.raised[i]
		}
	}
}

// intensity multiplies the modifiers in the two words before token i.
func (sc *scratch) intensity(i int) float64 {
	m := 1.0
	for j := i - 1; j >= 0 && j >= i-2 && sc.clauseOf[j] == sc.clauseOf[i]; j-- {
		if k := sc.infos[j].mult; k != 0 && (sc.infos[j].pol == 0 || sc.dualIntensifies(j)) {
			m *= float64(k)
		}
	}
	return m
}

// negated reports whether a negator reaches token i: one of the words
// before it (not, بدون) or a negated verb after it in the same span
// (خوب نبود). The verb is then consumed so its own polarity, if any, does
// not count twice.
func (sc *scratch) negated(i int) bool {
	c := sc.segOf[i] // negation does not cross and/و: گرونه و ارزش نداره
	for j := i - 1; j >= 0 && j >= i-window && sc.segOf[j] == c; j-- {
		if sc.infos[j].flags&fNegPre != 0 && !sc.covered[j] {
			if sc.modal(j) && sc.isCmp(i) {
				return false // couldn't be better, could not have been easier
			}
			sc.consumed[j] = true
			return true
		}
		if sc.infos[j].pol != 0 && !sc.covered[j] && sc.infos[i].pol == 0 {
			// بدون هیچ مشکلی کار میکنه: the negator took the nearer opinion,
			// so a word that speaks only when denied (کار) stays silent.
			break
		}
	}
	if sc.concord(i) {
		return true
	}
	if j := sc.negVerbAfter(i); j >= 0 {
		sc.consumed[j] = true
		return true
	}
	return false
}

// excepted reports a Persian word named as the exception (جز, بجز, به جز,
// غیر از) right before it: a denial of everything else affirms it.
func (sc *scratch) excepted(i int) bool {
	if sc.toks[i].latin {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if sc.toks[j].kind != tokWord {
			return false
		}
		if w := sc.word(j); bytes.Equal(w, faJoz) || bytes.Equal(w, faBejoz) {
			return true
		}
	}
	return false
}

var faJoz, faBejoz = []byte("جز"), []byte("بجز")

// negVerbAfter finds the negated verb within the window after token i, in
// its span, or -1. Another opinion word takes the verb for itself, and an
// affirmative verb closes i's predicate, its own phrase's included: in
// "غذا سرد بود قابل خوردن نبود" the نبود is not the cold food's.
func (sc *scratch) negVerbAfter(i int) int {
	c := sc.segOf[i]
	end := i + window
	for j := i + 1; j < len(sc.toks) && j <= end && sc.segOf[j] == c; j++ {
		if sc.infos[j].flags&fVerb != 0 && !sc.toks[j].latin {
			return -1
		}
		if sc.covered[j] {
			end++ // the rest of the word's own phrase is no distance: هم رده ای هم نداره
			continue
		}
		if sc.infos[j].flags&fNegPost != 0 && !sc.consumed[j] {
			return j
		}
		if sc.infos[j].pol != 0 && sc.infos[j].flags&fNegPost == 0 {
			return -1 // another opinion word: the verb belongs to it
		}
	}
	return -1
}

// coordinated reads Persian opinion words joined by و under one negated
// verb: in "اصلا خوشمزه و دلچسب نبود" the نبود denies both. The verb is
// left for the last word of the chain to take.
func (sc *scratch) coordinated(i int) bool {
	k := i + 2
	if sc.toks[i].latin || k >= len(sc.toks) || !sc.isFlag(i+1, fAnd) || sc.toks[i+1].latin ||
		sc.covered[k] || sc.toks[k].kind != tokWord || sc.toks[k].latin {
		return false
	}
	if p, q := sc.polarity(i), sc.polarity(k); p*q <= 0 {
		return false
	}
	return sc.negVerbAfter(k) >= 0 || sc.coordinated(k)
}

// concord reads Persian negative concord: after هیچ the negated verb may
// stand anywhere later in the span (هیچگونه کاهش سرعتی … مشاهده نخواهید
// کرد), so the window does not apply.
func (sc *scratch) concord(i int) bool {
	c := sc.segOf[i]
	hich := i >= 1 && (sc.isFlag(i-1, fConcord) || i >= 2 && sc.isFlag(i-2, fConcord))
	if !hich && !sc.indefinite(i) {
		return false
	}
	for j := i + 1; j < len(sc.toks) && sc.segOf[j] == c; j++ {
		if sc.infos[j].flags&fNegPost != 0 && !sc.covered[j] && !sc.consumed[j] {
			sc.consumed[j] = true
			return true
		}
		if !hich && sc.infos[j].pol != 0 && !sc.covered[j] {
			return false // another opinion word: the verb belongs to it
		}
	}
	return false
}

// indefinite reports a Persian opinion noun in the indefinite, which a
// negated verb denies from further off than the window: "مشکلی با این
// گوشی ندارم", "مشکل خاصی با این گوشی نخواهید داشت".
func (sc *scratch) indefinite(i int) bool {
	t := &sc.toks[i]
	if t.latin || sc.covered[i] {
		return false
	}
	if i+1 < len(sc.toks) && bytes.Equal(sc.word(i+1), faKhasi) {
		return true
	}
	return sc.infos[i].pol < 0 && !sc.exact[i] && bytes.HasSuffix(sc.w.buf[t.s:t.e], faYe)
}

var faKhasi, faYe = []byte("خاصی"), []byte("ی")

// modal reports whether the negator at j is a modal one: couldn't, or
// "not" after could/can.
func (sc *scratch) modal(j int) bool {
	if sc.infos[j].flags&fModal != 0 {
		return true
	}
	return j > 0 && sc.infos[j-1].flags&fModal != 0 && !sc.covered[j-1]
}

// modelLogOdds sums the learned weights of the comment's unigrams and
// bigrams. The class prior is left out on purpose: it says how often the
// workspace's customers are happy, not what this comment says.
func (a *Analyzer) modelLogOdds(sc *scratch) float64 {
	m := a.model
	lo := 0.0
	prev := -1
	for i := range sc.toks {
		t := &sc.toks[i]
		if t.kind != tokWord {
			prev = -1
			continue
		}
		lo += float64(a.unigramLo(sc, i))
		if prev >= 0 && sc.buildKey(prev, 2) {
			lo += float64(m.weights[string(sc.key)])
		}
		prev = i
	}
	return lo
}

func (a *Analyzer) unigramLo(sc *scratch, i int) float32 {
	if sc.exact[i] {
		return sc.infos[i].lo
	}
	wi, _ := a.word(sc.w.buf, &sc.toks[i])
	return wi.lo
}
