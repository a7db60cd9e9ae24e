package textan

import "testing"

func TestSentiment(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	tests := []struct{ name, in, want string }{
		{"fa praise", "غذا عالی بود", Positive},
		{"fa negated verb", "کیفیتش خوب نبود", Negative},
		{"fa negated adjective with اصلا", "اصلا راضی نبودم", Negative},
		{"fa not bad", "بد نبود", Positive},
		{"fa no problem", "هیچ مشکلی نداشت", Positive},
		{"fa without", "بدون مشکل رسید", Positive},
		{"fa nemi verb", "پیشنهاد نمیکنم", Negative},
		{"fa contrast weighs the end", "قیمتش یکم بالاست ولی کیفیتش عالیه", Positive},
		{"fa contrast the other way", "ظاهرش خوبه ولی زود خراب شد", Negative},
		{"fa informal", "خیلیییی خوشمزه بود مرسی", Positive},
		{"fa emoji only", "😡", Negative},
		{"fa question", "کی ارسال میشه؟", Neutral},
		{"fa fact", "سفارشم امروز رسید", Neutral},
		{"en praise", "Excellent service", Positive},
		{"en not", "The food was not good", Negative},
		{"en n't", "I wasn't happy with it", Negative},
		{"en never", "I would never recommend them", Negative},
		{"en not bad", "not bad at all", Positive},
		{"en no complaints", "no complaints", Positive},
		{"en but", "The room was nice but the staff were rude", Negative},
		{"en although", "Although it was expensive, the quality is excellent", Positive},
		{"en resolved", "They resolved my issue quickly", Positive},
		{"en emoji", "👍👍", Positive},
		{"en fact", "I paid by card", Neutral},
		{"finglish", "kheili khoob bood merci", Positive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.Analyze(tt.in); got.Sentiment != tt.want {
				t.Errorf("Analyze(%q) = %s (%.3f), want %s", tt.in, got.Sentiment, got.Score, tt.want)
			}
		})
	}
}

func TestIntensifiers(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	pairs := [][2]string{
		{"خوب بود", "خیلی خوب بود"},
		{"good", "very good"},
		{"کمی بد بود", "بد بود"},
		{"a bit slow", "slow"},
	}
	for _, p := range pairs {
		weak, strong := a.Analyze(p[0]).Score, a.Analyze(p[1]).Score
		if abs(strong) <= abs(weak) {
			t.Errorf("|%q| = %.3f should exceed |%q| = %.3f", p[1], strong, p[0], weak)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestAspects(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	tests := []struct {
		in   string
		want map[string]string // theme → sentiment
	}{
		{"the food was great but the delivery was late", map[string]string{"taste": Positive, "delivery": Negative}},
		{"غذا عالی بود ولی پیک دیر رسید", map[string]string{"taste": Positive, "delivery": Negative}},
		{"قیمتش مناسب بود و کیفیتش عالی", map[string]string{"price": Positive, "quality": Positive}},
		{"The staff were rude and the room was dirty", map[string]string{"staff": Negative, "cleanliness": Negative}},
		{"سایزش کوچیک بود ولی بسته\u200cبندی خوبی داشت", map[string]string{"fit": Negative, "packaging": Positive}},
		{"پشتیبانی جواب نمیده", map[string]string{"support": Negative}},
	}
	for _, tt := range tests {
		r := a.Analyze(tt.in)
		got := map[string]string{}
		for _, tp := range r.Topics {
			got[tp.ID] = tp.Sentiment
		}
		for theme, want := range tt.want {
			if got[theme] != want {
				t.Errorf("%q: topic %s = %q, want %q (topics %+v)", tt.in, theme, got[theme], want, r.Topics)
			}
		}
	}
}

func TestEmotions(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	tests := []struct{ in, want string }{
		{"خیلی ممنون از پیگیری\u200cتون", "gratitude"},
		{"Thank you so much!", "gratitude"},
		{"مسخره است!!! پولمو پس بدید 😡", "anger"},
		{"Very disappointed with the quality", "disappointment"},
		{"نگرانم سفارشم گم شده باشه", "worry"},
		{"سه بار زنگ زدم هنوز جواب ندادن", "frustration"},
		{"I trust this shop, always reliable", "trust"},
		{"عاشقشم 😍", "joy"},
		{"wow, I was surprised how fast it came", "surprise"},
	}
	for _, tt := range tests {
		r := a.Analyze(tt.in)
		found := false
		for _, e := range r.Emotions {
			found = found || e == tt.want
		}
		if !found {
			t.Errorf("%q: emotions %v, want %s", tt.in, r.Emotions, tt.want)
		}
	}
}

func TestCustomThemes(t *testing.T) {
	themes := []Theme{{ID: "parking", NameFa: "پارکینگ", NameEn: "Parking",
		KeywordsFa: []string{"پارکینگ", "جای پارک"}, KeywordsEn: []string{"parking", "car park"}, Touchpoint: "branch"}}
	a := NewAnalyzer(themes, nil)
	r := a.Analyze("جای پارک نبود و خیلی اذیت شدیم")
	if len(r.Topics) != 1 || r.Topics[0].ID != "parking" || r.Topics[0].Sentiment != Negative || r.Topics[0].Name != "پارکینگ" {
		t.Errorf("custom theme: %+v", r.Topics)
	}
	if r := a.Analyze("the car park was huge and easy"); len(r.Topics) != 1 || r.Topics[0].Sentiment != Positive {
		t.Errorf("custom theme phrase: %+v", r.Topics)
	}
}

// TestConcurrentAnalyze shares one Analyzer between goroutines, as the
// server does; run with -race.
func TestConcurrentAnalyze(t *testing.T) {
	a := NewAnalyzer(nil, Learn(genSamples(4, 200, 0.1)))
	texts := []string{"غذا عالی بود ولی پیک دیر رسید", "the food was great but the delivery was late", "😡", ""}
	want := make([]Result, len(texts))
	for i, s := range texts {
		want[i] = a.Analyze(s)
	}
	done := make(chan bool)
	for g := range 8 {
		go func() {
			for k := range 200 {
				i := (g + k) % len(texts)
				if got := a.Analyze(texts[i]); got.Score != want[i].Score || len(got.Aspects) != len(want[i].Aspects) {
					t.Errorf("%q: %+v, want %+v", texts[i], got, want[i])
				}
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
}
