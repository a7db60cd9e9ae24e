package respond

// ui holds the page's own words in each language. Question texts come
// from the survey; these are the frame around them.
var ui = map[string]map[string]string{
	"fa": {
		"send": "ثبت", "thanks": "ممنون که وقت گذاشتید؛ پاسخ شما ثبت شد.", "edit": "تغییر پاسخ‌ها",
		"invalid": "این پیوند نظرسنجی معتبر نیست. لطفاً پیوند را همان‌طور که دریافت کرده‌اید باز کنید.",
		"expired": "مهلت این نظرسنجی تمام شده است.", "closed": "این نظرسنجی دیگر پاسخ نمی‌پذیرد.",
		"answered": "این نظرسنجی پیش‌تر پاسخ داده شده است. سپاس!", "fix": "لطفاً موارد مشخص‌شده را بررسی کنید.",
		"required": "پاسخ به این پرسش لازم است.", "slow": "کمی آهسته‌تر! لطفاً چند لحظه دیگر دوباره بفرستید.",
		"nps_low": "اصلاً", "nps_high": "حتماً", "ces_low": "کاملاً مخالفم", "ces_high": "کاملاً موافقم",
		"csat_low": "خیلی ناراضی", "csat_high": "خیلی راضی", "yes": "بله", "no": "خیر", "other": "English",
		"error":   "مشکلی پیش آمد؛ لطفاً دوباره تلاش کنید.",
		"clicked": "پاسخی که در ایمیل زدید انتخاب شده است؛ برای ثبت آن «ثبت» را بزنید.",
	},
	"en": {
		"send": "Send", "thanks": "Thank you for your time; your answers are saved.", "edit": "Change my answers",
		"invalid": "This survey link is not valid. Please open it exactly as you received it.",
		"expired": "This survey has expired.", "closed": "This survey no longer takes answers.",
		"answered": "This survey was already answered. Thank you!", "fix": "Please check the questions marked below.",
		"required": "Please answer this question.", "slow": "Not so fast! Please send again in a moment.",
		"nps_low": "Not at all likely", "nps_high": "Extremely likely", "ces_low": "Strongly disagree", "ces_high": "Strongly agree",
		"csat_low": "Very dissatisfied", "csat_high": "Very satisfied", "yes": "Yes", "no": "No", "other": "فارسی",
		"error":   "Something went wrong; please try again.",
		"clicked": "The answer you chose in the e-mail is selected; tap Send to save it.",
	},
}

// words returns the page words in lang, Persian when unknown.
func words(lang string) map[string]string {
	if w, ok := ui[lang]; ok {
		return w
	}
	return ui["fa"]
}
