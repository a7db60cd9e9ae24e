package textan

import "strings"

// Normalize returns the canonical form of s that every look-up here uses:
// Arabic letter forms folded to Persian (ي→ی، ك→ک، ة/ۀ→ه), Persian and
// Arabic digits to ASCII, diacritics, tatweel and zero-width characters
// removed, ZWNJ-joined and space-separated affixes joined (می‌خواهم,
// می خواهم → میخواهم), letter elongation collapsed (عاااالی → عالی,
// soooo → so), Latin lower-cased, common informal spellings and Finglish
// mapped to one form (مرسی → ممنون، kheili → خیلی) and whitespace
// collapsed. Callers keep the original text for display.
func Normalize(s string) string {
	var w normWriter
	w.write(s)
	toks := tokenize(w.buf, nil)
	var b strings.Builder
	b.Grow(len(w.buf))
	for i := range toks {
		t := &toks[i]
		if i > 0 && !(t.kind == tokPunct && t.punct != '(') {
			b.WriteByte(' ')
		}
		b.WriteString(t.text(w.buf))
	}
	return b.String()
}
