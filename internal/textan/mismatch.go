package textan

import "bytes"

// mismatchW is the polarity of a delivery that is not what was asked for:
// "به جای سس قارچ سس سیر فرستادن", "X سفارش دادم ولی Y آوردن".
const mismatchW = -1.5

// mismatch reads a delivery verb (فرستادن, آوردن, ارسال شد) as a complaint
// when its sentence says earlier that something else was wanted: after
// "instead of" (به جای), after a contrast that follows what the customer
// asked for (سفارش دادم … ولی … فرستادن), or right after the verb of
// asking with no opinion between (پای سیب سفارش دادم پای نارگیل فرستادن).
// "سفارش دادم و زود آوردن" names an opinion in between and says nothing
// here; "سفارش رو دیر آوردن" names the order, not what was asked for.
func (sc *scratch) mismatch(i int) {
	contrast, opinion := false, false
	for j := i - 1; j >= 0; j-- {
		t := &sc.toks[j]
		if t.kind == tokPunct && t.punct != ',' && t.punct != ':' {
			return // the sentence starts here
		}
		if !sc.covered[j] && sc.infos[j].pol != 0 {
			opinion = true
		}
		switch {
		case sc.isFlag(j, fInstead):
		case sc.isFlag(j, fContrast):
			contrast = true
			continue
		case contrast && sc.isFlag(j, fAsk):
		case !opinion && sc.askVerb(j):
		default:
			continue
		}
		sc.infos[i].pol, sc.infos[i].negPol = mismatchW, mismatchW
		return
	}
}

// askVerb reports the verb of asking at token j: خواستم, خواسته بودم, or
// سفارش / درخواست with its light verb (سفارش دادم, درخواست کردم).
func (sc *scratch) askVerb(j int) bool {
	if !sc.isFlag(j, fAsk) {
		return false
	}
	w := sc.word(j)
	if bytes.HasPrefix(w, faKhast) || bytes.HasPrefix(w, faNevesht) && !bytes.Equal(w, faNevesht) {
		return true // خواستم, خواسته, نوشتم; a bare نوشته is the menu's text
	}
	if j+1 >= len(sc.toks) || sc.toks[j+1].kind != tokWord {
		return false
	}
	n := sc.word(j + 1)
	if bytes.HasPrefix(n, faDad) || bytes.HasPrefix(n, faMidam) || bytes.HasPrefix(n, faKard) {
		return true
	}
	// "سفارش من سیب سبز بود": the order named, then its copula.
	for k := j + 1; k < len(sc.toks) && k <= j+5 && sc.toks[k].kind == tokWord; k++ {
		if bytes.Equal(sc.word(k), faBud) {
			return true
		}
	}
	return false
}

var faBud = []byte("بود")

var (
	faKhast, faNevesht     = []byte("خواست"), []byte("نوشته")
	faDad, faMidam, faKard = []byte("داد"), []byte("مید"), []byte("کرد")
)
