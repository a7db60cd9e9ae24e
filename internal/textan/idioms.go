package textan

import "bytes"

// Persian idioms whose negated verb does not deny the opinion before it.
const (
	reachW    = 2.0 // "به پای X نمی‌رسد": falls short of X (or nothing comes up to this)
	reachSpan = 8   // words from پای to its verb
)

var (
	faBe, faPay, faGard                  = []byte("به"), []byte("پای"), []byte("گرد")
	faNamiRes, faNaRes                   = []byte("نمیرس"), []byte("نرس")
	faBerese, faBeresad                  = []byte("برسه"), []byte("برسد")
	faNadid, faNadasht, faNakard, faTajr = []byte("ندید"), []byte("نداشت"), []byte("نکرد"), []byte("تجربه")
	faChenin, faHamchin, faInghadr, faIn = []byte("چنین"), []byte("همچین"), []byte("اینقدر"), []byte("این")
	faEnghadr                            = []byte("انقدر")
	faNamiTo, faNaTo                     = []byte("نمیتو"), []byte("نتو")
)

// word is token i's canonical text, nil for punctuation and emoji.
func (sc *scratch) word(i int) []byte {
	t := &sc.toks[i]
	if t.kind != tokWord {
		return nil
	}
	if t.alt != "" {
		return []byte(t.alt)
	}
	return sc.w.buf[t.s:t.e]
}

// idioms rewrites two Persian turns of phrase before the context rules run.
func (sc *scratch) idioms() {
	for i := range sc.toks {
		if sc.covered[i] || sc.toks[i].kind != tokWord || sc.toks[i].latin {
			continue
		}
		w := sc.word(i)
		switch {
		case bytes.Equal(w, faBuy):
			sc.smell(i)
		case bytes.Equal(w, faPay):
			sc.reach(i)
		case sc.infos[i].flags&fNegPost != 0 || bytes.HasPrefix(w, faNadasht):
			sc.unseen(i)
		}
	}
}

// smellW is the polarity of food said to smell of something: "بوی دنبه
// میداد", "بوی یخچال گرفته بود". A smell named with an opinion (بوی خوبی
// میداد) is read by that word instead.
const smellW = -1.5

// smell reads "بوی X میداد/داشت/گرفته بود" with no opinion word for X.
func (sc *scratch) smell(i int) {
	if sc.infos[i].pol != 0 {
		return // a phrase of its own: بوی بد
	}
	for j := i + 1; j < len(sc.toks) && j <= i+4 && sc.clauseOf[j] == sc.clauseOf[i]; j++ {
		if sc.covered[j] {
			continue
		}
		if sc.infos[j].pol != 0 || sc.infos[j].negPol != 0 || sc.infos[j].flags&fNegPost != 0 {
			return
		}
		if w := sc.word(j); bytes.HasPrefix(w, faMidad) || bytes.HasPrefix(w, faDasht) || bytes.HasPrefix(w, faGerefte) {
			if j > i+1 {
				sc.infos[i].pol = smellW
			}
			return
		}
	}
}

var faBuy, faMidad, faDasht, faGerefte = []byte("بوی"), []byte("مید"), []byte("داشت"), []byte("گرفت")

// reach reads "به پای X نمی‌رسد" and "به گرد پای X هم نمی‌رسه": the thing
// under review falls short of X, a complaint; when X is the thing itself
// (هیچ گوشی به پای این نمی‌رسه) nothing comes up to it, which is praise.
func (sc *scratch) reach(i int) {
	switch {
	case i >= 1 && bytes.Equal(sc.word(i-1), faBe):
	case i >= 2 && bytes.Equal(sc.word(i-1), faGard) && bytes.Equal(sc.word(i-2), faBe):
	default:
		return
	}
	for j := i + 1; j < len(sc.toks) && j <= i+reachSpan && sc.clauseOf[j] == sc.clauseOf[i]; j++ {
		w := sc.word(j)
		modal := -1
		if bytes.Equal(w, faBerese) || bytes.Equal(w, faBeresad) {
			modal = sc.negModal(j)
		}
		if modal < 0 && !bytes.HasPrefix(w, faNamiRes) && !bytes.HasPrefix(w, faNaRes) {
			continue
		}
		v := -reachW
		if i+1 < len(sc.toks) && sc.isFlag(i+1, fDemo) {
			v = reachW
		}
		if modal >= 0 {
			sc.infos[modal].flags &^= fNegPost | fNegPre // نمی‌تونه … برسه: the modal's denial is the idiom's
			sc.infos[modal].pol = 0
		}
		sc.infos[j].pol = float32(v)
		sc.infos[j].flags = sc.infos[j].flags&^fNegPost | fNoFlip | fListed
		return
	}
}

// negModal finds the denied "can" (نمی‌تونه، نمی‌تواند، نتوانست) earlier in
// token j's clause, or -1.
func (sc *scratch) negModal(j int) int {
	for k := j - 1; k >= 0 && sc.clauseOf[k] == sc.clauseOf[j]; k-- {
		w := sc.word(k)
		if sc.infos[k].flags&fNegPost != 0 && (bytes.HasPrefix(w, faNamiTo) || bytes.HasPrefix(w, faNaTo)) {
			return k
		}
	}
	return -1
}

// unseen reads praise told as an experience never had before: "تا حالا
// گوشی به این خوبی ندیده بودم", "چنین سرعتی را تجربه نکرده‌ایم", "همچین
// گوشی‌ای نداشتم". The denied verb of seeing, having or experiencing,
// after چنین/همچین/اینقدر or "به این" in its clause, denies nothing.
func (sc *scratch) unseen(j int) {
	w := sc.word(j)
	switch {
	case bytes.HasPrefix(w, faNadid), bytes.HasPrefix(w, faNadasht):
	case bytes.HasPrefix(w, faNakard) && j >= 1 && bytes.Equal(sc.word(j-1), faTajr):
	default:
		return
	}
	c := sc.clauseOf[j]
	for k := j - 1; k >= 0 && sc.clauseOf[k] == c; k-- {
		p := sc.word(k)
		such := bytes.Equal(p, faChenin) || bytes.Equal(p, faHamchin) || bytes.Equal(p, faInghadr) ||
			bytes.Equal(p, faEnghadr) || bytes.Equal(p, faIn) && k >= 1 && bytes.Equal(sc.word(k-1), faBe)
		if such {
			sc.infos[j].flags &^= fNegPost
			sc.infos[j].pol = 0
			return
		}
	}
}
