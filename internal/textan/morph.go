package textan

import (
	"bytes"
	"strings"
)

// negStems are verb stems that a negative prefix ن turns into a negated
// verb (نبود، نداره، نرسید، نخرید). Stems that would also match common
// nouns after ن (نزدیک، نشان) are left out on purpose.
var negStems = []string{
	"بود", "باش", "شد", "شو", "دار", "داشت", "کرد", "کن", "رسید", "رس",
	"داد", "ده", "خور", "خرید", "خر", "گرفت", "گیر", "آمد", "امد", "یامد",
	"یومد", "دید", "بین", "ارز", "خواه", "خوا", "تونست", "توان", "گذاشت",
	"ذاشت", "پسند", "فرست", "زنگ", "گفت", "گو", "پخت", "یاورد", "یاوردن",
}

// isNegVerb reports whether w is a negated Persian verb: نمی‌… or ن+stem.
func isNegVerb(w string) bool { return isNegVerbBytes([]byte(w)) }

func isNegVerbBytes(w []byte) bool {
	if bytes.HasPrefix(w, prefNami) && len(w) > len(prefNami)+2 {
		return true
	}
	rest, ok := bytes.CutPrefix(w, prefNa)
	if !ok || len(rest) < 4 {
		return false
	}
	for _, s := range negStems {
		if strings.HasPrefix(string(rest), s) {
			return true
		}
	}
	return false
}

var prefNami, prefNa = []byte("نمی"), []byte("ن")

// faSuffixes are inflections stripped, longest first, to find a word the
// lexicon knows: خوبیه → خوب، کیفیتش → کیفیت، گرونه → گرون.
var faSuffixes = []string{
	"هایی", "ترین", "هاشون", "هاش", "های", "ها", "تره", "تر", "اش", "ش",
	"مون", "تون", "شون", "یه", "ست", "ام", "ی", "ه", "م", "ت", "و",
}

// enSuffixes are English inflections stripped the same way.
var enSuffixes = []string{"'s", "ies", "es", "s", "ly", "ed", "ing"}

// stems calls f with shorter forms of w, longest suffix first, until f
// returns true. It does not allocate: f receives sub-slices of w.
func stems(w []byte, latin bool, f func([]byte) bool) bool {
	suffixes, minLen := faSuffixes, 4
	if latin {
		suffixes, minLen = enSuffixes, 3
	}
	for _, s := range suffixes {
		if len(w)-len(s) >= minLen && strings.HasSuffix(string(w), s) {
			if f(w[:len(w)-len(s)]) {
				return true
			}
		}
	}
	// Persian stacks inflections: زیباییه → زیبایی → زیبا, گوشیه → گوشی.
	if !latin {
		for _, s := range faSuffixes {
			if rest := len(w) - len(s); rest >= 8 && strings.HasSuffix(string(w), s) {
				if stem1(w[:rest], f) {
					return true
				}
			}
		}
	}
	// Colloquial object marker و after a possessive: ارزششو → ارزش.
	if !latin && bytes.HasSuffix(w, objectMarker) && len(w) > 6 {
		return stems(w[:len(w)-len(objectMarker)], latin, f)
	}
	return false
}

var objectMarker = []byte("و")

// stem1 tries one more Persian suffix off w.
func stem1(w []byte, f func([]byte) bool) bool {
	for _, s := range faSuffixes {
		if rest := len(w) - len(s); rest >= 6 && strings.HasSuffix(string(w), s) && f(w[:rest]) {
			return true
		}
	}
	return false
}

// stopWords are frequent function words; knowing them keeps elongation
// repair from guessing (tooo → too, not to).
var stopWords = map[string]bool{
	"the": true, "a": true, "an": true, "is": true, "was": true, "were": true,
	"it": true, "to": true, "too": true, "of": true, "in": true, "on": true,
	"for": true, "my": true, "i": true, "we": true, "you": true, "they": true,
	"this": true, "that": true, "with": true, "so": true, "be": true, "are": true,
	"yes": true, "hmm": true, "all": true, "will": true, "see": true, "been": true,
	"از": true, "به": true, "با": true, "که": true, "را": true, "رو": true,
	"این": true, "آن": true, "در": true, "تو": true, "من": true, "ما": true,
	"برای": true, "بود": true, "است": true, "هست": true, "شد": true, "هم": true,
	"یه": true, "یک": true, "اون": true, "خیلی": true, "سلام": true,
	"برام": true, "براش": true, "برامون": true, "واسه": true, "واسم": true,
}
