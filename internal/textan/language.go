package textan

// DetectLanguage tells whether s is Persian ("fa"), English ("en") or a
// mix ("mixed"), or "" when it has no words. Finglish words we know
// (kheili khoob) count as Persian.
func DetectLanguage(s string) string {
	var w normWriter
	w.write(s)
	toks := tokenize(w.buf, nil)
	fa, en := 0, 0
	for i := range toks {
		if toks[i].kind != tokWord || toks[i].num {
			continue
		}
		if toks[i].latin {
			en++
		} else {
			fa++
		}
	}
	return languageOf(fa, en)
}

// languageOf decides from word counts. A brand name or two in a Persian
// comment keeps it Persian, hence the quarter on each side.
func languageOf(fa, en int) string {
	total := fa + en
	switch {
	case total == 0:
		return ""
	case en*4 < total:
		return "fa"
	case fa*4 < total:
		return "en"
	}
	return "mixed"
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
