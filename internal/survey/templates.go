package survey

import (
	"sort"

	"github.com/tajrobe/tajrobe/internal/errs"
)

func ip(n int) *int { return &n }

// Emotions returns the emotion question's options: the feelings a good
// experience gives, then the ones a business wants to avoid.
func Emotions() []Option {
	return []Option{
		{ID: "belonging", Text: Texts{"fa": "حس تعلق", "en": "Belonging"}},
		{ID: "standing_out", Text: Texts{"fa": "متمایز بودن", "en": "Standing out"}},
		{ID: "security", Text: Texts{"fa": "امنیت و آسودگی", "en": "Security"}},
		{ID: "freedom", Text: Texts{"fa": "آزادی انتخاب", "en": "Freedom"}},
		{ID: "thrill", Text: Texts{"fa": "هیجان", "en": "Thrill"}},
		{ID: "success", Text: Texts{"fa": "موفقیت", "en": "Success"}},
		{ID: "wellbeing", Text: Texts{"fa": "حال خوب", "en": "Well-being"}},
		{ID: "future", Text: Texts{"fa": "اطمینان به آینده", "en": "Confidence in the future"}},
		{ID: "frustration", Text: Texts{"fa": "کلافگی", "en": "Frustration"}, Negative: true},
		{ID: "disappointment", Text: Texts{"fa": "ناامیدی", "en": "Disappointment"}, Negative: true},
		{ID: "worry", Text: Texts{"fa": "نگرانی", "en": "Worry"}, Negative: true},
		{ID: "anger", Text: Texts{"fa": "عصبانیت", "en": "Anger"}, Negative: true},
		{ID: "ignored", Text: Texts{"fa": "نادیده گرفته شدن", "en": "Feeling ignored"}, Negative: true},
	}
}

// Pillars returns the four-pillars item set: trust, reliability, value
// and relevance, each a 1–5 agreement rating.
func Pillars() []Question {
	item := func(id, fa, en string) Question {
		return Question{ID: id, Kind: Rating, Scale: 5, Pillar: id, Text: Texts{"fa": fa, "en": en}}
	}
	return []Question{
		item("trust", "به این برند اعتماد دارم.", "I trust this brand."),
		item("reliability", "هر بار همان کیفیتی را می\u200cگیرم که قول داده شده.", "I get what was promised, every time."),
		item("value", "چیزی که می\u200cگیرم به پولی که می\u200cدهم می\u200cارزد.", "What I get is worth what I pay."),
		item("relevance", "پیشنهادها و پیام\u200cهایشان به کار من می\u200cآید.", "Their offers and messages fit my needs."),
	}
}

// why is the open follow-up after a low score.
func why(after string, maxScore int) Question {
	return Question{ID: "why", Kind: Text, ShowIf: &Condition{Question: after, Max: ip(maxScore)},
		Text: Texts{"fa": "چه چیزی باعث این امتیاز شد؟ چه کنیم که بهتر شود؟", "en": "What made you give this score? What should we do better?"}}
}

// praise is the open follow-up after a high score.
func praise(after string, minScore int) Question {
	return Question{ID: "liked", Kind: Text, ShowIf: &Condition{Question: after, Min: ip(minScore)},
		Text: Texts{"fa": "چه چیزی را بیشتر پسندیدید؟", "en": "What did you like most?"}}
}

// templates are the ready-made surveys, by key.
var templates = map[string]func() Survey{
	"post_purchase_nps": func() Survey {
		return Survey{Name: "NPS پس از خرید", Touchpoint: "checkout", Questions: []Question{
			{ID: "nps", Kind: NPS, Required: true, Text: Texts{"fa": "چقدر احتمال دارد ما را به دوستان و آشنایانتان پیشنهاد کنید؟", "en": "How likely are you to recommend us to a friend or colleague?"}},
			why("nps", 6), praise("nps", 9),
		}}
	},
	"support_ces": func() Survey {
		return Survey{Name: "CES پشتیبانی", Touchpoint: "support", Questions: []Question{
			{ID: "ces", Kind: CES, Required: true, Text: Texts{"fa": "پشتیبانی رسیدگی به درخواستم را برایم آسان کرد.", "en": "Support made it easy to handle my request."}},
			{ID: "resolved", Kind: YesNo, Text: Texts{"fa": "مشکلتان حل شد؟", "en": "Was your issue resolved?"}},
			why("ces", 4),
		}}
	},
	"delivery_csat": func() Survey {
		return Survey{Name: "CSAT تحویل", Touchpoint: "delivery", Trigger: Trigger{Touchpoint: "delivery", DelayMinutes: 120}, Questions: []Question{
			{ID: "csat", Kind: CSAT, Required: true, Text: Texts{"fa": "از ارسال و تحویل سفارشتان چقدر راضی بودید؟", "en": "How satisfied were you with the delivery of your order?"}},
			{ID: "on_time", Kind: YesNo, Text: Texts{"fa": "سفارش به\u200cموقع رسید؟", "en": "Did your order arrive on time?"}},
			why("csat", 3),
		}}
	},
	"store_visit": func() Survey {
		return Survey{Name: "بازدید از فروشگاه", Touchpoint: "store_visit", Questions: []Question{
			{ID: "csat", Kind: CSAT, Required: true, Text: Texts{"fa": "از بازدیدتان از فروشگاه چقدر راضی بودید؟", "en": "How satisfied were you with your visit to our store?"}},
			{ID: "staff", Kind: Rating, Scale: 5, Text: Texts{"fa": "برخورد و راهنمایی همکاران فروشگاه", "en": "How helpful were our staff?"}},
			{ID: "found", Kind: Single, Text: Texts{"fa": "آنچه می\u200cخواستید را پیدا کردید؟", "en": "Did you find what you came for?"}, Options: []Option{
				{ID: "yes", Text: Texts{"fa": "بله", "en": "Yes"}}, {ID: "partly", Text: Texts{"fa": "تا حدی", "en": "Partly"}},
				{ID: "no", Text: Texts{"fa": "نه", "en": "No"}}}},
			{ID: "city", Kind: Text, Trait: "city", Text: Texts{"fa": "ساکن کدام شهر هستید؟", "en": "Which city do you live in?"}},
			why("csat", 3),
		}}
	},
	"four_pillars": func() Survey {
		return Survey{Name: "چهار ستون رابطه", Questions: append(Pillars(), why("trust", 2))}
	},
	"emotional_connection": func() Survey {
		return Survey{Name: "پیوند احساسی", Questions: []Question{
			{ID: "feelings", Kind: Emotion, Required: true, Text: Texts{"fa": "این تجربه چه حسی به شما داد؟ (هر چند مورد که درست است)", "en": "How did this experience make you feel? (pick all that apply)"}},
			{ID: "story", Kind: Text, Text: Texts{"fa": "اگر دوست دارید، ماجرایش را برایمان بنویسید.", "en": "If you like, tell us the story."}},
		}}
	},
}

// Template returns a fresh copy of the ready-made survey named key.
func Template(key string) (Survey, error) {
	mk, ok := templates[key]
	if !ok {
		return Survey{}, errs.Field("survey.Template", "template", "no template %q; the templates are %v", key, TemplateKeys())
	}
	s := mk()
	s.Template = key
	return s, nil
}

// TemplateKeys lists the ready-made surveys.
func TemplateKeys() []string {
	keys := make([]string, 0, len(templates))
	for k := range templates {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
