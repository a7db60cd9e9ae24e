package textan

import (
	"math/rand/v2"
	"strings"
)

// This file generates a food-delivery workspace's comments for the learning
// test: deterministic, from templates we wrote, with the workspace's own
// jargon (خمیر بود، پر و پیمون، skimped on the sauce) that the default
// lexicons do not know, so learning has something to find.

// clausePools holds opinion clauses per language and polarity.
type clausePools struct {
	pos, neg, neutral     []string
	contrast, and, closer []string
}

var genFa = clausePools{
	pos: []string{
		"پیتزا ترد بود", "حجم غذا پر و پیمون بود", "سس به اندازه گذاشته بودن", "ته\u200cدیگش برشته بود",
		"پیک تا دم در اومد", "غذا داغ داغ رسید", "دورچین کامل بود", "گوشتش نرم و آبدار بود",
		"اندازه دو نفر بود", "نونش تازه و برشته بود", "سیب\u200cزمینی\u200cها ترد بودن", "کباب آبدار بود",
		"ردیاب سفارش دقیق بود", "کد تخفیف درست اعمال شد", "نوشابه رو یادشون نرفته بود", "پیک زنگ زد و هماهنگ کرد",
		"سالاد تازه و ترد بود", "برنجش دونه دونه بود", "همه چیز گرم و تازه بود", "سس سیر خونگی بود",
		"خیلی خوشمزه بود", "عالی بود", "پیک خیلی مودب بود", "سریع رسید", "راضی بودم",
	},
	neg: []string{
		"پیتزا خمیر بود", "سس خیلی کم گذاشته بودن", "حجم غذا کم بود", "سیب\u200cزمینی\u200cها وا رفته بودن",
		"گوشتش سفت و لاستیکی بود", "برنج شفته بود", "نوشابه رو یادشون رفته بود", "پیک گم شد و یک ساعت چرخید",
		"سوپ آبکی بود", "غذا بی\u200cنمک بود", "ظرف غذا نشتی داشت", "مرغش خشک بود",
		"نونش بیات و سفت بود", "سالاد پلاسیده بود", "پیک پشت در ولمون کرد", "ردیاب سفارش الکی بود",
		"کباب پر از چربی بود", "ته\u200cدیگش سوخته بود", "جای دو نفر، اندازه یه نفر بود", "کد تخفیف اعمال نشد",
		"خیلی دیر رسید", "افتضاح بود", "غذا سرد بود", "پیک بی\u200cادب بود", "اصلا راضی نبودم",
	},
	neutral: []string{
		"برای شام سفارش دادم", "ساعت نه شب سفارش دادم", "از شعبه ونک سفارش دادم", "با کیف پول پرداخت کردم",
		"سفارش برای دفتر بود", "دو تا پیتزا گرفتیم",
	},
	contrast: []string{"ولی", "اما", "فقط"},
	and:      []string{"و", "،", "ضمنا"},
	closer:   []string{"", "", "", "ممنون", "دیگه سفارش نمیدم", "باز هم سفارش میدم", "👍", "😞"},
}

var genEn = clausePools{
	pos: []string{
		"the crust was crispy", "portions were generous", "they didn't skimp on the sauce", "fries stayed crunchy",
		"the rider came right to the door", "it arrived piping hot", "the sides were all there", "the meat was tender and juicy",
		"enough for two people", "the bread was fresh out of the oven", "the kebab was juicy", "the tracker was spot on",
		"the promo code applied fine", "they remembered the drinks", "the rider called ahead", "the salad was crisp",
		"rice was fluffy", "everything was piping hot", "the garlic sauce tasted homemade", "they added extra napkins",
		"it was delicious", "great food", "the rider was very polite", "arrived fast", "really happy with it",
	},
	neg: []string{
		"the pizza was doughy", "they skimped on the sauce", "the portion was tiny", "fries were limp",
		"the meat was chewy and rubbery", "rice was mushy", "they forgot the drinks", "the rider got lost for an hour",
		"the soup was watery", "the food had no seasoning", "the container leaked everywhere", "the chicken was dry",
		"the bread was hard as a rock", "the salad was wilted", "the rider left it downstairs", "the tracker was useless",
		"the kebab was swimming in grease", "the rice was scorched", "a meal for two fed one person", "the promo code never applied",
		"it arrived very late", "terrible food", "the food was cold", "the rider was rude", "not happy at all",
	},
	neutral: []string{
		"ordered for dinner", "ordered around 9 pm", "ordered from the downtown branch", "paid with the wallet",
		"the order was for the office", "we got two pizzas",
	},
	contrast: []string{"but", "however,", "though"},
	and:      []string{"and", ",", "also"},
	closer:   []string{"", "", "", "thanks", "won't order again", "will order again", "👍", "😞"},
}

// genComment writes one comment whose true polarity is pos, and returns it.
// One comment in four opens with a clause of the other polarity followed
// by a contrast, as real mixed comments do.
func genComment(r *rand.Rand, p *clausePools, pos bool) string {
	main, other := p.neg, p.pos
	if pos {
		main, other = p.pos, p.neg
	}
	var parts []string
	if r.IntN(3) == 0 {
		parts = append(parts, pick(r, p.neutral)+",")
	}
	if r.IntN(4) == 0 {
		parts = append(parts, pick(r, other), pick(r, p.contrast))
	}
	parts = append(parts, pick(r, main))
	if r.IntN(2) == 0 {
		parts = append(parts, pick(r, p.and), pick(r, main))
	}
	if c := pick(r, p.closer); c != "" && closerFits(c, pos) {
		parts = append(parts, c)
	}
	return strings.Join(parts, " ")
}

// closerFits keeps a closing remark consistent with the comment's polarity.
func closerFits(c string, pos bool) bool {
	negative := strings.Contains(c, "نمیدم") || strings.Contains(c, "won't") || c == "😞"
	return negative != pos
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// genSamples makes n weakly labelled comments, half Persian and half English:
// the label comes from a simulated NPS answer, and noise of them get the
// wrong answer (a promoter who writes a complaint, a detractor who praises).
func genSamples(seed uint64, n int, noise float64) []Sample {
	r := rand.New(rand.NewPCG(seed, seed^0x7a6e))
	out := make([]Sample, 0, n)
	for i := range n {
		pos := r.IntN(2) == 0
		p := &genFa
		if i%2 == 1 {
			p = &genEn
		}
		text := genComment(r, p, pos)
		answer := pos
		if r.Float64() < noise {
			answer = !answer
		}
		nps := 9 + r.IntN(2)
		if !answer {
			nps = r.IntN(7)
		}
		out = append(out, Sample{Text: text, Label: NPSLabel(nps)})
	}
	return out
}
