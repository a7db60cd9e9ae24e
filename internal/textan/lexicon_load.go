package textan

import "strings"

// informal maps informal and Finglish spellings to canonical words.
var informal = map[string]string{}

// baseLex is the default lexicon every analyser starts from. It is set in
// init because loading it uses the tokenizer, which consults it.
var baseLex *lexicon

func init() { baseLex = loadBaseLexicon() }

func loadBaseLexicon() *lexicon {
	loadInformal()
	l := newLexicon()
	loadModifiers(l)
	loadPolarity(l, "fa.txt")
	loadPolarity(l, "en.txt")
	loadEmoji(l)
	loadEmotions(l)
	return l
}

func loadInformal() {
	eachLine("informal.txt", func(f []string) {
		var w normWriter
		w.write(f[0])
		informal[string(w.buf)] = f[1]
	})
}

func loadPolarity(l *lexicon, name string) {
	eachLine(name, func(f []string) {
		pol := parseFloat(f[len(f)-1])
		l.update(strings.Join(f[:len(f)-1], " "), func(wi *wordInfo) { wi.pol, wi.flags = pol, wi.flags|fListed })
	})
}

func loadModifiers(l *lexicon) {
	eachLine("modifiers.txt", func(f []string) {
		term := strings.Join(f[2:], " ")
		switch f[0] {
		case "int":
			v := parseFloat(f[1])
			l.update(term, func(wi *wordInfo) { wi.mult = v })
		case "neg":
			negWords[term] = true
			l.update(term, func(wi *wordInfo) { wi.flags |= fNegPre })
		case "negpost":
			negWords[term] = true
			l.update(term, func(wi *wordInfo) { wi.flags |= fNegPost })
		case "contrast":
			l.update(term, func(wi *wordInfo) { wi.flags |= fContrast })
		case "concede":
			l.update(term, func(wi *wordInfo) { wi.flags |= fConcede })
		case "resolve":
			l.update(term, func(wi *wordInfo) { wi.flags |= fResolve })
		case "negpol":
			v := parseFloat(f[1])
			l.update(term, func(wi *wordInfo) { wi.negPol = v })
		case "if":
			l.update(term, func(wi *wordInfo) { wi.flags |= fCond })
		case "and":
			l.update(term, func(wi *wordInfo) { wi.flags |= fAnd })
		case "attr":
			v := int8(parseFloat(f[1]))
			l.update(term, func(wi *wordInfo) { wi.attr = v })
		case "qty":
			v := int8(parseFloat(f[1]))
			l.update(term, func(wi *wordInfo) { wi.qty = v })
		default:
			flag, ok := ruleFlags[f[0]]
			if !ok {
				panic("textan: unknown modifier kind " + f[0])
			}
			l.update(term, func(wi *wordInfo) { wi.flags |= flag })
		}
	})
}

// ruleFlags are the modifier kinds that only set a flag.
var ruleFlags = map[string]uint32{
	"raise": fRaise, "modal": fModal, "cmp": fCmp, "wish": fWish,
	"than": fThan, "demo": fDemo, "too": fToo, "concord": fConcord,
	"sum": fSum, "instead": fInstead, "ask": fAsk, "deliver": fDeliver,
	"adverb": fAdverb, "verb": fVerb, "hot": fHot, "cold": fCold, "chilled": fChilled, "hours": fHours, "reserve": fReserve,
}

func loadEmoji(l *lexicon) {
	eachLine("emoji.txt", func(f []string) {
		pol := parseFloat(f[1])
		bit := emotionBit(f[2])
		r := []rune(f[0])[0] // the base rune: variation selectors are dropped
		l.words[string(r)] = wordInfo{pol: pol, emo: bit}
	})
}

func loadEmotions(l *lexicon) {
	eachLine("emotions.txt", func(f []string) {
		bit := emotionBit(f[0])
		if bit == 0 {
			panic("textan: unknown emotion " + f[0])
		}
		l.update(strings.Join(f[1:], " "), func(wi *wordInfo) { wi.emo |= bit })
	})
}

// isKnown reports whether a canonical word is in the default lexicon or is
// a canonical target of the informal table.
func isKnown(w string) bool {
	if baseLex == nil {
		return false
	}
	if _, ok := baseLex.words[w]; ok {
		return true
	}
	_, ok := informal[w]
	return ok || stopWords[w]
}
