package textan

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// tokKind separates words from the items that shape a sentence.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokPunct
	tokEmoji
)

// token is a span of the normalised buffer. alt holds the canonical form
// when it differs from the span (informal spelling, Finglish, elongation),
// so the common case needs no allocation.
type token struct {
	s, e  int32
	alt   string
	kind  tokKind
	punct byte
	latin bool
	num   bool // digits only: counts for no language
}

// tokenize splits a normalised buffer into tokens, appending to toks.
func tokenize(buf []byte, toks []token) []token {
	for i := 0; i < len(buf); {
		j := bytes.IndexByte(buf[i:], ' ')
		if j < 0 {
			j = len(buf) - i
		}
		if j > 0 {
			toks = append(toks, makeToken(buf, i, i+j))
		}
		i += j + 1
	}
	return toks
}

func makeToken(buf []byte, s, e int) token {
	t := token{s: int32(s), e: int32(e)}
	b := buf[s:e]
	if len(b) == 1 && isPunctByte(b[0]) {
		t.kind, t.punct = tokPunct, b[0]
		return t
	}
	if r, _ := utf8.DecodeRune(b); isEmoji(r) {
		t.kind = tokEmoji
		return t
	}
	if bytes.IndexByte(b, elongMark) >= 0 {
		t.alt = resolveElongation(string(b))
	}
	if t.alt != "" {
		if c, ok := informal[t.alt]; ok {
			t.alt = c
		}
	} else if c, ok := informal[string(b)]; ok {
		t.alt = c
	}
	t.num = isDigits(b)
	if t.alt != "" {
		t.latin = t.alt[0] < 0x80
	} else {
		t.latin = b[0] < 0x80
	}
	return t
}

// text is the canonical form of the token. It allocates only when the
// result escapes; map look-ups with it are allocation-free for spans.
func (t *token) text(buf []byte) string {
	if t.alt != "" {
		return t.alt
	}
	return string(buf[t.s:t.e])
}

func isPunctByte(c byte) bool {
	switch c {
	case '.', ',', ';', ':', '!', '?', '(', ')', '\n':
		return true
	}
	return false
}

// resolveElongation picks between the doubled and the single letter for
// each elongated run (goooood → good, sooo → so, عاااالی → عالی): the form
// our lexicons know wins, and the single letter is the default.
func resolveElongation(w string) string {
	double := strings.ReplaceAll(w, string(rune(elongMark)), "")
	if isKnown(double) {
		return double
	}
	var b strings.Builder
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		next := i + size
		if next < len(w) && w[next] == elongMark {
			i = next + 1 // drop the second letter of the run and the mark
			continue
		}
		b.WriteRune(r)
		i = next
	}
	return b.String()
}
