package textan

import "testing"

// TestContextRules checks the rules that read a word by its neighbours:
// each case would read the other way without its rule.
func TestContextRules(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	tests := []struct{ name, in, want string }{
		{"en low price", "The price is low", Positive},
		{"en low volume", "Volume is low", Negative},
		{"fa quality high far back", "کیفیت ساخت نیز بسیار بالاست", Positive},
		{"fa noise reduced", "کاهش نویز تصویر", Positive},
		{"fa speed reduced", "کاهش سرعت محسوس است", Negative},
		{"en better than this", "My old phone held a charge better than this", Negative},
		{"en better than expected", "Better than expected", Positive},
		{"fa better than this", "گوشی قبلیم از این بهتر بود", Negative},
		{"en too plain", "The seat is too narrow", Negative},
		{"en too at the end", "The staff were nice too", Positive},
		{"en not too plain", "not too spicy", Positive},
		{"en stated wait", "We waited 45 minutes for a table", Negative},
		{"en wait not excused", "It shouldn't take 30 min for eggs", Negative},
		{"en short wait", "Ready in 10 minutes", Neutral},
		{"en don't think", "I don't think we will be back anytime soon", Negative},
		{"en doubt", "I doubt I'd recommend it", Negative},
		{"fa don't think", "فکر نمیکنم ارزشش رو داشته باشه", Negative},
		{"en couldn't be easier", "Setup couldn't have been simpler", Positive},
		{"en couldn't be fixed", "It couldn't be fixed", Negative},
		{"en wish", "I wish it were faster", Negative},
		{"fa wish", "کاش باتریش بیشتر دوام داشت", Negative},
		{"en lone never", "They never brought our drinks", Negative},
		{"en used never", "It never disappoints", Positive},
		{"fa lone lack", "این گوشی NFC ندارد", Negative},
		{"fa used lack", "هیچ مشکلی ندارد", Positive},
		{"fa concord far", "هیچگونه کاهش سرعتی هنگام اجرای بازی مشاهده نکردیم", Positive},
		{"en avoid a bad thing", "Packed well to avoid damage", Positive},
		{"en avoid us", "Avoid this place", Negative},
		{"en without a doubt", "Without a doubt the worst fries", Negative},
		{"fa not only", "نه تنها خوب است بلکه ارزان هم هست", Positive},
		{"en not enough", "Battery life is not long enough", Negative},
		{"fa falls short", "به پای آیفون نمیرسه", Negative},
		{"fa falls short modal", "از نظر کیفیت ساخت نمیتونه به پای رقیبش برسه", Negative},
		{"fa nothing reaches this", "هیچ گوشی ای به گرد پای این هم نمیرسه", Positive},
		{"fa never seen so good", "تا حالا گوشی به این خوبی ندیده بودم", Positive},
		{"fa never experienced such", "چنین سرعت و روانی را تجربه نکرده بودیم", Positive},
		{"fa plain not seen", "از این گوشی خوبی ندیدم", Negative},
		{"fa theme word stems to attribute", "کیفیتش پایینه", Negative},
		{"fa emotion word has polarity", "هیچ نگرانی بابت حافظه نخواهید داشت", Positive},
		{"fa comparative has polarity", "از گوشی قبلیم خیلی بدتره", Negative},
		{"fa a minute is not accurate", "سرعت چاپ ۱۸ صفحه در دقیقه است", Neutral},
		{"fa printer copy is no fake", "قابلیت کپی و اسکن دارد", Neutral},
		{"fa solving is not solved", "برای حل این مشکل مجبور شدم دستگاه رو ببرم تهران", Negative},
		{"fa solved", "مشکلم حل شد", Positive},
		{"fa recommend not to buy", "دوستای خوبم پیشنهاد میکنم که اصلا نخرید", Negative},
		{"fa overall decides", "صفحه نمایشش ضعیفه. باتریش هم ضعیفه. در کل راضیم", Positive},
		{"en overall decides", "The screen is weak. The battery is weak. Overall I am happy", Positive},
		{"fa lack of progress", "عدم پیشرفت نرم افزاری", Negative},
		{"fa no fault can be found", "نمیتوان ایراد دیگری به آن گرفت", Positive},
		{"fa lacks nothing", "از گوشی های سطح اول هیچ چیزی کمتر نداره", Positive},
		{"fa instead of", "به جای نوشابه مشکی دلستر فرستادن", Negative},
		{"fa ordered but got", "پیتزا مرغ سفارش دادم ولی پیتزا پپرونی آوردن", Negative},
		{"fa ordered and got", "پیتزا سفارش دادم و زود آوردن", Positive},
		{"fa not sent", "نوشابه ارسال نشد", Negative},
		{"fa lone not sent", "سس و نون رو نفرستادن", Negative},
		{"fa inflected denied word", "اصلا به توضیحات توجهی نکردند", Negative},
		{"fa no resemblance", "هیچ شباهتی به عکس منو نداشت", Negative},
		{"fa nothing better than this", "بهتر از این نمیتونید پیدا کنید", Positive},
		{"fa better than this after", "گوشی قبلیم خیلی بهتر از این بود", Negative},
		{"fa better than this joined", "با این پول خیلی بهتر ازین میشه گرفت", Negative},
		{"fa food went cold", "پیتزا یخ کرده بود و نونش خمیر شده بود", Negative},
		{"fa hit the spot", "واقعا چسبید", Positive},
		{"fa did not overheat", "تا حالا اصلا داغ نکرده", Positive},
		{"fa indefinite complaint far from its verb", "مشکل خاصی با این گوشی نخواهید داشت", Positive},
		{"fa indefinite complaint stops at another opinion", "مشکلی پیش اومد که درست نشد", Negative},
		{"fa price relative to performance", "قیمتش نسبت به کارایی هاش هنوز بالاست", Negative},
		{"fa beyond expectations", "کیفیتی فراتر از انتظار دارد", Positive},
		{"fa no rival", "در این رده قیمت رقیبی ندارد", Positive},
		{"fa wait written against its number", "غذا بعد از ۴۵دقیقه رسید", Negative},
		{"fa not supported", "از بازی های سه بعدی پشتیبانی نمیکنه", Negative},
		{"fa otherwise", "فقط یه کم تاخیر داشت وگرنه غذا خوب بود", Positive},
		{"fa verb closes its predicate", "پیتزا سرد بود سس نداشت", Negative},
		{"fa sentence adverb leaves the verb", "متاسفانه توجه نکردند", Negative},
		{"fa coordinated under one denial", "خوشمزه و تازه نبود", Negative},
		{"fa praise that intensifies", "غذا فوق العاده شور بود", Negative},
		{"fa praise that intensifies nothing", "غذا فوق العاده بود", Positive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.Analyze(tt.in); got.Sentiment != tt.want {
				t.Errorf("Analyze(%q) = %s (%.3f), want %s", tt.in, got.Sentiment, got.Score, tt.want)
			}
		})
	}
}
