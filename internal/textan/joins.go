package textan

import (
	"bytes"
	"unicode/utf8"
)

// Customers often type two words without the space between them: وتازه,
// غذاخیلی, باتاخیر, برامنیاوردن. A Persian word that neither the lexicon
// nor its stems know is split where both halves are known and one of them
// carries an opinion or a negation (or the first is the conjunction و), so
// names and rare words are left whole.

// minJoinHalf is the shortest half, in bytes (two Persian letters).
const minJoinHalf = 4

// splitJoined splits the word just closed at w.wordStart, once or twice.
func (w *normWriter) splitJoined() {
	word := w.buf[w.wordStart:]
	if baseLex == nil || len(word) < 2*minJoinHalf-2 || bytes.IndexByte(word, elongMark) >= 0 {
		return
	}
	if r, _ := utf8.DecodeRune(word); !isPersianLetter(r) {
		return
	}
	if _, known := lexEntry(word); known {
		return
	}
	if k := joinPoint(word, 2); k > 0 {
		w.insertSpace(w.wordStart + k)
		if rest := w.buf[w.wordStart+k+1:]; len(rest) >= 2*minJoinHalf-2 {
			if _, known := lexEntry(rest); !known {
				if k2 := joinPoint(rest, 1); k2 > 0 {
					w.insertSpace(w.wordStart + k + 1 + k2)
				}
			}
		}
	}
}

// joinPoint is the byte offset where word splits into two known halves,
// or 0. depth > 1 lets the second half be a join itself (سردوخیلی).
func joinPoint(word []byte, depth int) int {
	for k := 0; k < len(word); {
		_, size := utf8.DecodeRune(word[k:])
		k += size
		a, b := word[:k], word[k:]
		if len(b) < minJoinHalf {
			return 0
		}
		conj := bytes.Equal(a, faVa)
		if len(a) < minJoinHalf && !conj || prefixWords[string(a)] || bytes.Equal(a, faNa) {
			continue // نامحترم, بیکیفیت: a prefix is not a word of its own
		}
		if !conj && (utf8.RuneCount(word) < 5 || bytes.Equal(b, faNeh)) {
			continue // بدنه is no بد+نه: short words and the adverb ending ـانه stay whole
		}
		ai, aok := lexEntry(a)
		if !aok {
			continue
		}
		bi, bok := lexEntry(b)
		if !bok && depth > 1 {
			bok = joinPoint(b, depth-1) > 0
			bi.pol = 1 // a split second half always holds its own known word
		}
		if bok && (conj || ai.opinion() || bi.opinion()) {
			return k
		}
	}
	return 0
}

var faVa, faNa, faNeh, faAgent = []byte("و"), []byte("نا"), []byte("نه"), []byte("نده")

// lexEntry looks a Persian word up in the default lexicon: as it is,
// through the informal table, through its stems, or as a negated verb.
func lexEntry(w []byte) (wordInfo, bool) {
	if wi, ok := baseLex.words[string(w)]; ok {
		return wi, true
	}
	if c, ok := informal[string(w)]; ok {
		wi := baseLex.words[c]
		return wi, true
	}
	if stopWords[string(w)] {
		return wordInfo{}, true
	}
	if isNegVerbBytes(w) && utf8.RuneCount(w) >= 5 && !bytes.HasSuffix(w, faAgent) {
		return wordInfo{flags: fNegPost}, true // نیاوردن, not دهنده (giver) read as ده+نده
	}
	var found wordInfo
	ok := stems(w, false, func(s []byte) bool {
		wi, ok := baseLex.words[string(s)]
		if ok && wi.informative() {
			found = wi
		}
		return ok && wi.informative()
	})
	return found, ok
}

// opinion reports an entry that says something a split is worth making
// for: a polarity, an intensifier, a negation or an attribute.
func (wi *wordInfo) opinion() bool {
	return wi.pol != 0 || wi.negPol != 0 || wi.mult != 0 || wi.attr != 0 || wi.qty != 0 ||
		wi.flags&(fNegPre|fNegPost) != 0
}

// insertSpace puts a word break at byte offset p of the buffer.
func (w *normWriter) insertSpace(p int) {
	w.buf = append(w.buf, 0)
	copy(w.buf[p+1:], w.buf[p:])
	w.buf[p] = ' '
}
