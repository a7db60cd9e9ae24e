package textan

// mismatchW is the polarity of a delivery that is not what was asked for:
// "به جای سس قارچ سس سیر فرستادن", "X سفارش دادم ولی Y آوردن".
const mismatchW = -1.5

// mismatch reads a delivery verb (فرستادن, آوردن, ارسال شد) as a complaint
// when its sentence says earlier that something else was wanted: after
// "instead of" (به جای), or after a contrast that follows what the customer
// asked for (سفارش دادم … ولی … فرستادن). A plain "ordered and it came
// quickly" has no contrast and says nothing here.
func (sc *scratch) mismatch(i int) {
	contrast := false
	for j := i - 1; j >= 0; j-- {
		t := &sc.toks[j]
		if t.kind == tokPunct && t.punct != ',' && t.punct != ':' {
			return // the sentence starts here
		}
		switch {
		case sc.isFlag(j, fInstead):
		case sc.isFlag(j, fContrast):
			contrast = true
			continue
		case contrast && sc.isFlag(j, fAsk):
		default:
			continue
		}
		sc.infos[i].pol, sc.infos[i].negPol = mismatchW, mismatchW
		return
	}
}
