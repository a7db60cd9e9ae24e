package textan

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"arabic letters", "كيفيت ي ة", "کیفیت ی ه"},
		{"zwnj joined", "می\u200cخواهم", "میخواهم"},
		{"no separator", "میخواهم", "میخواهم"},
		{"space separated", "می خواهم", "میخواهم"},
		{"negative prefix apart", "نمی خواهم", "نمیخواهم"},
		{"privative prefix apart", "بی کیفیت", "بیکیفیت"},
		{"plural apart", "کفش ها", "کفشها"},
		{"persian digits", "۱۲۳ ٤٥", "123 45"},
		{"digits against persian letters", "عالی۴ ۲۰دقیقه", "عالی 4 20 دقیقه"},
		{"latin model names stay whole", "S3 و p3100", "s3 و p3100"},
		{"diacritics", "اَصلاً خُوب", "اصلا خوب"},
		{"tatweel", "عـــالی", "عالی"},
		{"persian elongation", "عاااالی خیلیییی", "عالی خیلی"},
		{"latin elongation", "soooo goooood", "so good"},
		{"informal", "مرسی، نمیشه", "ممنون, نمیشود"},
		{"finglish", "kheili khoob merci", "خیلی خوب ممنون"},
		{"more finglish", "mesle hamishe taze", "مثل همیشه تازه"},
		{"case and space", "  Very   GOOD\t", "very good"},
		{"emoji apart", "عالی😍👍", "عالی 😍 👍"},
		{"invalid utf8", "a\xffb", "a b"},
		{"and typed against its word", "خشک وتازه", "خشک و تازه"},
		{"with typed against its word", "باتاخیر رسید", "با تاخیر رسید"},
		{"two joins", "سردوخیلی شور", "سرد و خیلی شور"},
		{"joined before a denied verb", "برامنیاوردن", "برام نیاوردن"},
		{"a join needs an opinion half", "بهروش", "بهروش"},
		{"a known word stays whole", "بامزه آزاردهنده", "بامزه آزاردهنده"},
		{"an agent noun is no denied verb", "دهنده", "دهنده"},
		{"a prefix is not a half", "نامحترم", "نامحترم"},
		{"a short word stays whole", "بدنه", "بدنه"},
		{"alef without madda", "اب شده", "آب شده"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"غذا عالی بود", "fa"},
		{"the food was great", "en"},
		{"سفارشم از digikala رسید و خیلی خوب بود", "fa"},
		{"delivery خیلی دیر بود but food ok", "mixed"},
		{"kheili khoob bood merci", "fa"},
		{"😍👍 123", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := DetectLanguage(tt.in); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
