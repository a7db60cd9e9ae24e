package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/tajrobe/tajrobe/internal/locale"
)

var (
	firstNamesFa = []string{"سارا", "مریم", "زهرا", "فاطمه", "نگار", "الهام", "شیما", "پریسا", "نرگس", "مهسا",
		"علی", "رضا", "محمد", "حسین", "امیر", "مهدی", "بهرام", "کاوه", "سینا", "آرش", "نیما", "پویا"}
	firstNamesEn = []string{"Sara", "Maryam", "Zahra", "Negar", "Elham", "Shima", "Parisa", "Mahsa",
		"Ali", "Reza", "Mohammad", "Hossein", "Amir", "Mehdi", "Kaveh", "Sina", "Arash", "Nima", "Pouya"}
	lastNamesFa = []string{"احمدی", "محمدی", "حسینی", "رضایی", "کریمی", "موسوی", "جعفری", "صادقی", "نوری",
		"رحیمی", "قاسمی", "تهرانی", "شیرازی", "اصفهانی", "کاظمی", "مرادی", "یزدانی"}
	lastNamesEn = []string{"Ahmadi", "Mohammadi", "Hosseini", "Rezaei", "Karimi", "Mousavi", "Jafari",
		"Sadeghi", "Nouri", "Rahimi", "Ghasemi", "Tehrani", "Shirazi", "Kazemi", "Moradi", "Yazdani"}
	cities = []struct{ fa, en string }{
		{"تهران", "Tehran"}, {"شیراز", "Shiraz"}, {"اصفهان", "Isfahan"}, {"تبریز", "Tabriz"},
		{"مشهد", "Mashhad"}, {"کرج", "Karaj"}, {"رشت", "Rasht"}, {"یزد", "Yazd"},
	}
	mobilePrefixes = []string{"912", "935", "936", "901", "919", "990", "921", "938"}
)

// person is one made-up customer.
type person struct {
	firstFa, lastFa, firstEn, lastEn string
	city                             int
	mobile                           string // 10 national digits, e.g. 9121234567
	email                            string
	hasKids                          bool
	birthYear                        int
}

func newPerson(r *rand.Rand) person {
	i, j := r.IntN(len(firstNamesEn)), r.IntN(len(lastNamesEn))
	p := person{
		firstFa: firstNamesFa[i%len(firstNamesFa)], lastFa: lastNamesFa[j%len(lastNamesFa)],
		firstEn: firstNamesEn[i], lastEn: lastNamesEn[j],
		city: r.IntN(len(cities)), hasKids: r.IntN(100) < 38, birthYear: 1960 + r.IntN(45),
		mobile: mobilePrefixes[r.IntN(len(mobilePrefixes))] + fmt.Sprintf("%07d", r.IntN(10_000_000)),
	}
	if r.IntN(100) < 70 {
		p.email = fmt.Sprintf("%s.%s%d@%s", strings.ToLower(p.firstEn), strings.ToLower(p.lastEn), r.IntN(1000),
			[]string{"gmail.com", "yahoo.com", "chmail.ir", "outlook.com"}[r.IntN(4)])
	}
	return p
}

// phoneAsWritten writes the mobile the way some person or system would:
// with or without the country code, spaced, dashed, in Persian digits…
func phoneAsWritten(r *rand.Rand, national string) string {
	forms := []string{
		"0" + national,
		national,
		"+98" + national,
		"0098" + national,
		"0" + national[:3] + " " + national[3:6] + " " + national[6:],
		"0" + national[:3] + "-" + national[3:6] + "-" + national[6:],
		locale.PersianDigits("0" + national),
		toArabicIndic("0" + national),
	}
	return forms[r.IntN(len(forms))]
}

func toArabicIndic(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			c = '٠' + (c - '0')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// emailAsWritten varies the case, as people type it.
func emailAsWritten(r *rand.Rand, email string) string {
	if r.IntN(4) == 0 {
		return strings.ToUpper(email[:1]) + email[1:]
	}
	return email
}
