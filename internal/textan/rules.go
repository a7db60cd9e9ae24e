package textan

import "bytes"

// Weights of the context rules, set on our tuning sets and the dev parts
// of the public sets (docs/benchmarks.md).
const (
	qtyW       = 1.5  // polarity of "low price", "کیفیت بالا": a quantity on an attribute
	qtyBack    = 5    // words back a quantity looks for its attribute (کیفیت ساخت نیز بسیار بالاست)
	qtyAhead   = 2    // words ahead (low price, بالا بودن کیفیت)
	tooW       = -1.2 // "too heavy": excess of something not bad in itself
	tooMildMax = 1.0  // "too" turns words up to this polarity negative (too hot, not too good)
	waitW      = -1.5 // "40 minutes": a wait long enough to complain of
	waitMin    = 20   // minutes from which a stated time reads as a wait
	wishW      = 0.5  // what a wish clause names is missing: -|v|·wishW
)

// context rewrites polarities that depend on neighbouring words, before
// negation and clause weights are applied: a quantity on an attribute
// (low price, کیفیت بالا), a comparison against the thing under review
// (better than this, از این بهتر), excess (too heavy) and stated waits
// (40 minutes).
func (sc *scratch) context() {
	sc.idioms()
	for i := range sc.toks {
		if sc.covered[i] || sc.toks[i].kind != tokWord {
			continue
		}
		wi := &sc.infos[i]
		switch {
		case wi.qty != 0:
			sc.quantity(i)
		case wi.flags&fToo != 0:
			sc.excess(i)
		case sc.toks[i].num:
			sc.wait(i)
		case wi.flags&fDeliver != 0:
			sc.mismatch(i)
		case wi.flags&(fHot|fCold) != 0:
			sc.temperature(i)
		case wi.flags&fHours != 0:
			sc.waitHours(i)
		}
		if sc.isCmp(i) && sc.againstUs(i) {
			wi.pol = -wi.pol
			if !sc.toks[i].latin {
				wi.flags |= fBest // denied, it says nothing is better than this: از این بهتر نمیشه
			}
		}
	}
}

// quantity gives a quantity word the polarity of its attribute: more of
// a good attribute (quality, سرعت) or less of a bad one (price, نویز) is
// praise. The nearest attribute in the same span wins; the attribute's
// own polarity (noise) is then spent.
func (sc *scratch) quantity(i int) {
	back := qtyBack
	for d := 1; d <= back; d++ {
		for _, j := range [2]int{i - d, i + d} {
			if j < 0 || j >= len(sc.toks) || j > i+qtyAhead || sc.segOf[j] != sc.segOf[i] || sc.covered[j] {
				continue
			}
			if j > i && sc.verbBetween(i, j) {
				continue // "کم بود وزنش": past its verb a word is no longer its attribute
			}
			if sc.infos[j].attr != 0 && sc.relativeTo(j) {
				back += 3 // the measure and its "نسبت به" do not count as distance
				continue
			}
			if a := sc.infos[j].attr; a != 0 {
				sc.infos[i].pol = float32(qtyW * float64(a) * float64(sc.infos[i].qty))
				sc.infos[i].mult = 0
				sc.infos[j].pol = 0
				return
			}
		}
	}
}

// verbBetween reports an affirmative Persian verb after token i and before j.
func (sc *scratch) verbBetween(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if sc.infos[k].flags&fVerb != 0 && !sc.toks[k].latin {
			return true
		}
	}
	return false
}

// relativeTo reports an attribute named as the measure of another:
// "قیمتش نسبت به کاراییش بالاست" is about the price, not the performance.
func (sc *scratch) relativeTo(j int) bool {
	return j >= 2 && bytes.Equal(sc.word(j-1), faBe) && bytes.Equal(sc.word(j-2), faNesbat)
}

var faNesbat = []byte("نسبت")

// excess reads "too X": an intensifier for a complaint (too slow) and for
// strong praise (too good to be true is rare in reviews), a complaint of
// its own before a mild or plain word (too heavy, too hot).
func (sc *scratch) excess(i int) {
	k := i + 1
	if k >= len(sc.toks) || sc.toks[k].kind != tokWord || sc.clauseOf[k] != sc.clauseOf[i] {
		return
	}
	p := sc.infos[k].pol
	if p < 0 || p > tooMildMax || sc.infos[k].flags&(fNegPre|fNegPost|fContrast|fAnd) != 0 {
		return
	}
	sc.infos[i].pol, sc.infos[i].mult = tooW, 0
	sc.infos[k].pol = 0
}

// wait reads a number of minutes, from waitMin up, as a wait.
func (sc *scratch) wait(i int) {
	k := i + 1
	if k >= len(sc.toks) || sc.toks[k].kind != tokWord || !isMinutes(sc.w.buf[sc.toks[k].s:sc.toks[k].e]) {
		return
	}
	if n := atoiSmall(sc.w.buf[sc.toks[i].s:sc.toks[i].e]); n >= waitMin {
		sc.infos[k].pol = waitW
		sc.infos[k].flags |= fNoFlip // "it shouldn't take 30 min" is still a complaint
	}
}

// waitHours reads "یک ساعت", "۲ ساعت" as a wait: ساعت (flagged hours)
// after a count from one up; after it, ساعت ۴ is the time of day.
func (sc *scratch) waitHours(i int) {
	if i == 0 || sc.toks[i-1].kind != tokWord || sc.covered[i-1] {
		return
	}
	p := sc.word(i - 1)
	if sc.toks[i-1].num && atoiSmall(p) >= 1 || !sc.toks[i-1].num && hourCount(p) {
		sc.infos[i].pol, sc.infos[i].flags = waitW, sc.infos[i].flags|fNoFlip
	}
}

// hourCount reports a Persian number word that counts whole hours.
func hourCount(w []byte) bool {
	for _, c := range faCounts {
		if bytes.Equal(w, c) {
			return true
		}
	}
	return false
}

var faCounts = [][]byte{[]byte("یک"), []byte("یه"), []byte("دو"), []byte("سه"), []byte("چهار"), []byte("پنج")}

// temperature reads warmth and cold by what they describe: a hot drink or
// melted ice cream is a complaint (نوشابه گرم بود), a cold drink is not
// (دوغ خنک بود), while for food warmth is praise and cold a complaint.
func (sc *scratch) temperature(i int) {
	c := sc.segOf[i]
	for j := i - 1; j >= 0 && j >= i-4 && sc.segOf[j] == c; j-- {
		if sc.infos[j].flags&fChilled == 0 || sc.covered[j] {
			continue
		}
		if p := sc.infos[i].pol; sc.infos[i].flags&fHot != 0 && p > 0 {
			sc.infos[i].pol = -p * 1.5
		} else if sc.infos[i].flags&fCold != 0 && p < 0 {
			sc.infos[i].pol = 0
		}
		return
	}
}

var minuteWords = [][]byte{[]byte("minutes"), []byte("min"), []byte("mins"), []byte("دقیقه")}

func isMinutes(w []byte) bool {
	for _, m := range minuteWords {
		if bytes.Equal(w, m) {
			return true
		}
	}
	return false
}

// atoiSmall reads up to four ASCII digits; longer numbers are not minutes.
func atoiSmall(b []byte) int {
	if len(b) > 4 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// isCmp reports whether token i is an opinion word in the comparative:
// listed (better, worse) or Persian with تر (راحت‌تر, بهتره).
func (sc *scratch) isCmp(i int) bool {
	wi := &sc.infos[i]
	if wi.pol == 0 {
		return false
	}
	if wi.flags&fCmp != 0 {
		return true
	}
	t := &sc.toks[i]
	if t.latin {
		return false
	}
	w := sc.w.buf[t.s:t.e]
	return bytes.HasSuffix(w, faTar) || bytes.HasSuffix(w, faTare)
}

var faTar, faTare = []byte("تر"), []byte("تره")

// againstUs reports a comparison whose other side is the thing under
// review: "better than this", "از این بهتر" — the praise goes elsewhere.
func (sc *scratch) againstUs(i int) bool {
	if sc.toks[i].latin {
		return i+2 < len(sc.toks) && sc.isFlag(i+1, fThan) && sc.isFlag(i+2, fDemo)
	}
	// بهتر از این: the comparative before its object
	if i+2 < len(sc.toks) && sc.isFlag(i+1, fThan) && sc.isFlag(i+2, fDemo) {
		return true
	}
	if i+1 < len(sc.toks) && sc.isFlag(i+1, fThan) && sc.isFlag(i+1, fDemo) {
		return true // بهتر ازین
	}
	if i > 0 && sc.isFlag(i-1, fThan) && sc.isFlag(i-1, fDemo) {
		return true // ازین بهتر, ازش بهتر
	}
	// از این [one or two words] بهتر
	for d := 2; d <= 4 && i-d >= 0; d++ {
		if sc.isFlag(i-d, fThan) && sc.isFlag(i-d+1, fDemo) {
			return true
		}
		if sc.toks[i-d+1].kind != tokWord {
			return false
		}
	}
	return false
}

func (sc *scratch) isFlag(i int, f uint32) bool {
	return sc.toks[i].kind == tokWord && !sc.covered[i] && sc.infos[i].flags&f != 0
}
