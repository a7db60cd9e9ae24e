package textan

import "unicode/utf8"

// normWriter folds raw text into a canonical byte buffer: one space between
// items, punctuation and emoji as items of their own, elongated letters cut
// to two plus elongMark, and Persian affixes written apart (می خواهم,
// کتاب ها) joined to their word so all spellings give one token.
type normWriter struct {
	buf       []byte
	wordStart int
	inWord    bool
	joinNext  bool
	prev      rune
	run       int
	last      rune // the last rune written into a word
}

func (w *normWriter) reset() {
	w.buf = w.buf[:0]
	w.inWord, w.joinNext = false, false
}

// write appends the normalised form of s; invalid UTF-8 bytes separate words.
func (w *normWriter) write(s string) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size <= 1 {
			w.endWord()
			continue
		}
		r, c := mapRune(r)
		switch c {
		case classDrop:
		case classLetter, classDigit:
			w.letter(r, c)
		case classPunct, classEmoji:
			w.endWord()
			w.item(r)
		default:
			w.endWord()
		}
	}
	w.endWord()
}

func (w *normWriter) letter(r rune, c runeClass) {
	if w.inWord && w.scriptTurns(r, c) {
		w.endWord() // عالی۴, ۲۰دقیقه: a number written against a Persian word is a word of its own
	}
	if !w.inWord {
		w.startWord()
	}
	if c == classLetter && r == w.prev {
		w.run++
		if w.run == 3 {
			w.buf = append(w.buf, elongMark)
			w.last = elongMark
		}
		if w.run >= 3 {
			return
		}
	} else {
		w.prev, w.run = r, 1
	}
	w.buf = utf8.AppendRune(w.buf, r)
	w.last = r
}

func (w *normWriter) startWord() {
	w.inWord = true
	if w.joinNext {
		// The previous word was a detached prefix (می، نمی، بی): continue it,
		// elongation run included, so normalising twice changes nothing.
		w.joinNext = false
		return
	}
	w.prev, w.run = -1, 0
	if len(w.buf) > 0 {
		w.buf = append(w.buf, ' ')
	}
	w.wordStart = len(w.buf)
}

func (w *normWriter) endWord() {
	if !w.inWord {
		return
	}
	w.inWord = false
	word := w.buf[w.wordStart:]
	if prefixWords[string(word)] {
		w.joinNext = true
		return
	}
	if suffixWords[string(word)] && w.afterPersianWord() {
		copy(w.buf[w.wordStart-1:], w.buf[w.wordStart:])
		w.buf = w.buf[:len(w.buf)-1]
		return
	}
	w.splitJoined()
}

// scriptTurns reports a Persian letter against a digit, either way round;
// Latin model names (S3, 4s, p3100) stay whole.
func (w *normWriter) scriptTurns(r rune, c runeClass) bool {
	lastDigit := w.last >= '0' && w.last <= '9'
	switch c {
	case classDigit:
		return isPersianLetter(w.last)
	case classLetter:
		return lastDigit && isPersianLetter(r)
	}
	return false
}

// afterPersianWord reports whether the word being closed directly follows a
// Persian word, so a detached plural or comparative suffix belongs to it.
func (w *normWriter) afterPersianWord() bool {
	if w.wordStart < 2 || w.buf[w.wordStart-1] != ' ' {
		return false
	}
	r, _ := utf8.DecodeLastRune(w.buf[:w.wordStart-1])
	return isPersianLetter(r)
}

func (w *normWriter) item(r rune) {
	w.joinNext = false
	if len(w.buf) > 0 {
		w.buf = append(w.buf, ' ')
	}
	w.buf = utf8.AppendRune(w.buf, r)
}

// prefixWords are verbal and privative prefixes written as separate words.
var prefixWords = map[string]bool{"می": true, "نمی": true, "بی": true}

// suffixWords are plural and comparative suffixes written as separate words.
var suffixWords = map[string]bool{"ها": true, "های": true, "هایی": true, "تر": true, "ترین": true}
