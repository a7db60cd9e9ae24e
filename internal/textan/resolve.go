package textan

import "bytes"

// resolve looks every token up once: the longest phrase starting at it,
// else the word, else a stem of it, else the negated-verb rule.
func (a *Analyzer) resolve(sc *scratch) {
	buf, toks := sc.w.buf, sc.toks
	for i := range toks {
		if sc.covered[i] {
			continue
		}
		t := &toks[i]
		switch t.kind {
		case tokEmoji:
			sc.infos[i] = a.lex.words[string(buf[t.s:t.e])]
		case tokWord:
			a.resolveWord(sc, i)
		}
	}
}

func (a *Analyzer) resolveWord(sc *scratch, i int) {
	t := &sc.toks[i]
	wi, ok := a.word(sc.w.buf, t)
	if ok && wi.phrase > 1 {
		if n, pi, found := a.phrase(sc, i, int(wi.phrase)); found {
			sc.infos[i] = pi
			for k := i + 1; k < i+n; k++ {
				sc.covered[k] = true
				// A covered word keeps only its verb flag: a phrase that ends in
				// its verb (سرد بود) closes its predicate.
				wk, _ := a.word(sc.w.buf, &sc.toks[k])
				sc.infos[k].flags = wk.flags & fVerb
			}
			return
		}
	}
	if ok && wi.informative() {
		if wi.pol == 0 && wi.attr == 0 && wi.qty == 0 && wi.mult == 0 && wi.flags&^(fCmp|fHasLo) == 0 && !t.latin {
			// Listed only as a theme, an emotion or a comparative (کیفیتش,
			// نگرانی, بدتره): its stem may still hold the opinion or attribute.
			fb := a.fallback(sc.w.buf, t)
			wi.pol, wi.attr, wi.qty = fb.pol, fb.attr, fb.qty
		}
		sc.infos[i], sc.exact[i] = wi, true
		return
	}
	sc.infos[i] = a.fallback(sc.w.buf, t)
}

// word looks a token up without allocating.
func (a *Analyzer) word(buf []byte, t *token) (wordInfo, bool) {
	if t.alt != "" {
		wi, ok := a.lex.words[t.alt]
		return wi, ok
	}
	wi, ok := a.lex.words[string(buf[t.s:t.e])]
	return wi, ok
}

// maxPhrase is the longest lexicon phrase, in words ("leaves a lot to be desired").
const maxPhrase = 6

// phrase tries the phrases of up to max words starting at token i.
func (a *Analyzer) phrase(sc *scratch, i, maxN int) (int, wordInfo, bool) {
	for n := min(maxN, maxPhrase); n >= 2; n-- {
		if !sc.buildKey(i, n) {
			continue
		}
		if pi, ok := a.lex.phrases[string(sc.key)]; ok {
			return n, pi, true
		}
	}
	return 0, wordInfo{}, false
}

// buildKey writes the canonical words i..i+n-1, space-joined, into sc.key.
func (sc *scratch) buildKey(i, n int) bool {
	if i+n > len(sc.toks) {
		return false
	}
	sc.key = sc.key[:0]
	for k := i; k < i+n; k++ {
		t := &sc.toks[k]
		if t.kind != tokWord {
			return false
		}
		if k > i {
			sc.key = append(sc.key, ' ')
		}
		if t.alt != "" {
			sc.key = append(sc.key, t.alt...)
		} else {
			sc.key = append(sc.key, sc.w.buf[t.s:t.e]...)
		}
	}
	return true
}

// maxWordLen bounds the words fallback tries to stem, in bytes.
const maxWordLen = 64

// fallback finds an unknown word through its stem, else marks a negated
// Persian verb so it can negate the word before it.
func (a *Analyzer) fallback(buf []byte, t *token) wordInfo {
	w := buf[t.s:t.e]
	if len(w) > maxWordLen {
		return wordInfo{} // not a word: a pasted blob, not worth stemming
	}
	if t.alt != "" {
		w = []byte(t.alt) // canonical forms are rare enough to allocate
	}
	var found wordInfo
	stems(w, t.latin, func(s []byte) bool {
		wi, ok := a.lex.words[string(s)]
		// A Persian word that speaks only when denied (ارسال، توجه) is found
		// through its inflections too: توجهی نمیکنند, شباهتی نداشت.
		if ok && (wi.pol != 0 || wi.themes != nil || wi.emo != 0 || wi.attr != 0 || wi.qty != 0 || !t.latin && wi.negPol != 0) {
			found = wi
			found.phrase, found.flags = 0, wi.flags&^fHasLo
			return true
		}
		return false
	})
	if !t.latin && found.pol == 0 && found.attr == 0 {
		if wi, ok := a.spokenIs(w); ok {
			found = wi
		}
	}
	if !t.latin && isNegVerbBytes(w) {
		found.flags |= fNegPost
	}
	if found.pol == 0 && !t.latin {
		found.pol = a.privative(w)
	}
	return found
}

// spokenIs reads the spoken س for است written against its word: بالاس
// (بالاست), خوشمزس (خوشمزه است), موندس (مونده است).
func (a *Analyzer) spokenIs(w []byte) (wordInfo, bool) {
	stem, ok := bytes.CutSuffix(w, faSin)
	if !ok || len(stem) < 6 {
		return wordInfo{}, false
	}
	for _, k := range [2]string{string(stem), string(stem) + "ه"} {
		if wi, ok := a.lex.words[k]; ok && (wi.pol != 0 || wi.attr != 0 || wi.qty != 0) {
			wi.phrase, wi.flags = 0, wi.flags&^fHasLo
			return wi, true
		}
	}
	return wordInfo{}, false
}

var faSin = []byte("س")

// privative reads an unknown Persian word made of نا and a word of praise
// as its opposite: نامحترم, ناتمیز.
func (a *Analyzer) privative(w []byte) float32 {
	rest, ok := bytes.CutPrefix(w, faNa)
	if !ok || len(rest) < 6 {
		return 0
	}
	if wi, ok := a.lex.words[string(rest)]; ok && wi.pol > 0 {
		return -wi.pol
	}
	return 0
}
