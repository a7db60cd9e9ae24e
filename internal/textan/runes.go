package textan

import "unicode"

// runeClass says how the normaliser treats one rune.
type runeClass uint8

const (
	classSpace  runeClass = iota // separates words
	classDrop                    // vanishes without separating (diacritics, ZWNJ, tatweel)
	classLetter                  // part of a word
	classDigit                   // part of a word, never de-elongated
	classPunct                   // ends a clause
	classEmoji                   // a token of its own
)

// elongMark is written after a run of three or more equal letters so the
// tokenizer can later choose between the single and the double letter.
// Control characters never survive normalisation, so it cannot clash.
const elongMark = 0x01

// mapRune folds one rune to its canonical form and class.
func mapRune(r rune) (rune, runeClass) {
	if r < 0x80 {
		return mapASCII(r)
	}
	if r >= 0x0600 && r <= 0x06FF {
		return mapArabicBlock(r)
	}
	return mapOther(r)
}

func mapASCII(r rune) (rune, runeClass) {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		if r <= '9' {
			return r, classDigit
		}
		return r, classLetter
	case r >= 'A' && r <= 'Z':
		return r + ('a' - 'A'), classLetter
	case r == '\'':
		return r, classLetter // kept inside words for don't, isn't
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', '(', ')', '\n':
		return r, classPunct
	}
	return ' ', classSpace
}

// mapArabicBlock handles U+0600–U+06FF: Arabic letter forms become Persian,
// diacritics and tatweel vanish, Arabic punctuation becomes ASCII.
func mapArabicBlock(r rune) (rune, runeClass) {
	switch r {
	case 'ي', 'ى', 'ئ':
		return 'ی', classLetter
	case 'ك':
		return 'ک', classLetter
	case 'ة', 'ۀ', 'ە':
		return 'ه', classLetter
	case 'أ', 'إ', 'ٱ':
		return 'ا', classLetter
	case 'ؤ':
		return 'و', classLetter
	case 'ـ':
		return 0, classDrop
	case '،':
		return ',', classPunct
	case '؛':
		return ';', classPunct
	case '؟':
		return '?', classPunct
	case '٪':
		return '%', classSpace
	}
	switch {
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r >= 0x06D6 && r <= 0x06ED:
		return 0, classDrop // harakat, tanwin, shadda, sukun, Quranic marks
	case r >= 0x0660 && r <= 0x0669:
		return '0' + (r - 0x0660), classDigit
	case r >= 0x06F0 && r <= 0x06F9:
		return '0' + (r - 0x06F0), classDigit
	case r == 0x06D4:
		return '.', classPunct
	case unicode.IsLetter(r):
		return r, classLetter
	}
	return ' ', classSpace
}

func mapOther(r rune) (rune, runeClass) {
	switch r {
	case 0x200C, 0x200B, 0x200D, 0x200E, 0x200F, 0xFEFF, 0x00AD, 0xFE0F, 0xFE0E:
		return 0, classDrop // ZWNJ joins: می\u200cخواهم and میخواهم are one token
	case '’', '‘':
		return '\'', classLetter
	case '…':
		return '.', classPunct
	}
	switch {
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return 0, classDrop // skin tones do not change meaning
	case isEmoji(r):
		return r, classEmoji
	case r >= 0xFB50 && r <= 0xFEFC:
		return r, classLetter // presentation forms: rare, kept as letters
	case unicode.IsLetter(r):
		return unicode.ToLower(r), classLetter
	case unicode.IsDigit(r):
		return r, classDigit
	}
	return ' ', classSpace
}

func isEmoji(r rune) bool {
	return (r >= 0x1F300 && r <= 0x1FAFF) || (r >= 0x2600 && r <= 0x27BF) ||
		r == 0x2B50 || r == 0x2764 || r == 0x2B55
}

// isPersianLetter reports whether r belongs to the Arabic script blocks.
func isPersianLetter(r rune) bool {
	return (r >= 0x0600 && r <= 0x06FF) || (r >= 0xFB50 && r <= 0xFEFC)
}
