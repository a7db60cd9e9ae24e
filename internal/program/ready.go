package program

import (
	"github.com/tajrobe/tajrobe/internal/rules"
)

// Shop names what ready programs need of a business: the events it
// records for a purchase and for a mention on social media ("" when it
// has none), and the trait holding a warranty's end.
type Shop struct {
	Lang     string
	Purchase string
	Mention  string
	Warranty string
}

// Ready returns the programs of the seed playbooks, as drafts for the
// shop: warranty reminder, the offer two months after a purchase, advice
// on buying more than needed, a family surprise, thanks for a mention,
// win-back after silence and a welcome series. A playbook whose event
// the shop lacks is left out.
func Ready(s Shop) []*Program {
	out := []*Program{warrantyReminder(s), seasonalOffer(s), overPurchase(s), familySurprise(s), winBack(s), welcomeSeries(s)}
	if s.Mention != "" {
		out = append(out, mentionThanks(s))
	}
	for _, p := range out {
		if s.Lang == "en" {
			p.Name = englishNames[p.Name]
		}
	}
	return out
}

var englishNames = map[string]string{
	"یادآوری پایان گارانتی": "Warranty reminder", "پیشنهاد فصل دو ماه پس از خرید": "Seasonal offer two months after a purchase",
	"مشاورهٔ خرید بیش از نیاز": "Advice when buying more than needed", "سورپرایز خانواده": "Family surprise",
	"بازگرداندن مشتری خاموش": "Win-back after silence", "مجموعهٔ خوش‌آمد": "Welcome series", "سپاس برای اشتراک در شبکهٔ اجتماعی": "Thank-you for a social mention",
}

func tmpl(faSubject, fa, enSubject, en string) *Template {
	return &Template{FA: &Text{Subject: faSubject, Body: fa}, EN: &Text{Subject: enSubject, Body: en}}
}

func msgStep(id, kind, purpose string, t *Template) Step {
	return Step{ID: id, Kind: Act, Action: &Action{Action: rules.Action{Kind: kind}, Purpose: purpose, Template: t}}
}

func tag(id, name string) Step {
	return Step{ID: id, Kind: Act, Action: &Action{Action: rules.Action{Kind: AddTag}, Tag: name}}
}

func bought(s Shop, op string, count, days int) rules.Condition {
	return rules.Condition{Kind: EventCount, Values: []string{s.Purchase}, Op: op, Count: count, Days: days}
}

func warrantyReminder(s Shop) *Program {
	return &Program{Name: "یادآوری پایان گارانتی",
		Trigger: Trigger{Kind: OnDate, Date: &DateTrigger{Trait: s.Warranty, OffsetDays: -30, Hour: 10}},
		Steps: []Step{
			msgStep("sms", SendSMS, Service, tmpl("", "{{first_name|مشتری گرامی}}، گارانتی خرید شما از {{brand}} در {{date}} به پایان می‌رسد. اگر ایرادی هست، تا آن روز به ما سر بزنید.",
				"", "{{first_name|Dear customer}}, the warranty on your {{brand}} purchase ends on {{date}}. If anything is wrong, come and see us before then.")),
			{ID: "week", Kind: Wait, For: "23d"},
			msgStep("mail", SendEmail, Service, tmpl("یک هفته تا پایان گارانتی", "سلام {{first_name|دوست عزیز}}،\nتنها یک هفته تا پایان گارانتی ({{date}}) مانده است.\n{{brand}}",
				"One week of warranty left", "Hello {{first_name|there}},\nOnly a week is left on your warranty ({{date}}).\n{{brand}}")),
		}}
}

func seasonalOffer(s Shop) *Program {
	return &Program{Name: "پیشنهاد فصل دو ماه پس از خرید",
		Trigger: Trigger{Kind: rules.OnEvent, Event: s.Purchase},
		Steps: []Step{
			{ID: "two-months", Kind: Wait, For: "2mo"},
			{ID: "split", Kind: Branch, Paths: []Path{{Name: "A: پیامک / SMS", Next: "sms",
				When: []rules.Condition{{Kind: Random, Op: rules.Lt, Value: ptr(50)}}}}, Else: "mail"},
			withNext(msgStep("sms", SendSMS, Promotional, tmpl("", "{{first_name}} عزیز، مجموعهٔ فصل تازه در {{brand}} رسید؛ این هفته ۱۵٪ تخفیف برای شما.",
				"", "{{first_name}}, the new season has arrived at {{brand}}: 15% off for you this week.")), End),
			msgStep("mail", SendEmail, Promotional, tmpl("فصل تازه در {{brand}}", "سلام {{first_name|دوست عزیز}}،\nدو ماه از خریدتان گذشت؛ مجموعهٔ فصل تازه با ۱۵٪ تخفیف منتظر شماست.\nلغو اشتراک: {{unsubscribe_url}}",
				"A new season at {{brand}}", "Hello {{first_name|there}},\nTwo months after your order, the new season is here with 15% off.\nUnsubscribe: {{unsubscribe_url}}")),
		},
		Goal:    &Goal{Event: s.Purchase, WithinDays: 30},
		Reentry: Reentry{Policy: AfterExit, AfterDays: 60}}
}

func overPurchase(s Shop) *Program {
	return &Program{Name: "مشاورهٔ خرید بیش از نیاز",
		Trigger: Trigger{Kind: rules.OnEvent, Event: s.Purchase, When: []rules.Condition{bought(s, rules.Gte, 3, 30)}},
		Steps: []Step{
			{ID: "next-day", Kind: Wait, For: "1d"},
			msgStep("advice", SendEmail, Service, tmpl("یک پیشنهاد دوستانه", "سلام {{first_name|دوست عزیز}}،\nدیدیم این ماه چند بار خرید کرده‌اید. اگر چیزی اندازه یا باب میلتان نیست، تا ۱۴ روز بی‌هزینه عوضش می‌کنیم؛ لازم نیست بیش از نیازتان بخرید.\n{{brand}}",
				"A friendly word", "Hello {{first_name|there}},\nYou have ordered several times this month. If anything is not right, we exchange it free within 14 days; there is no need to buy more than you need.\n{{brand}}")),
		},
		Reentry: Reentry{Policy: AfterExit, AfterDays: 90}}
}

func familySurprise(s Shop) *Program {
	five, eighteen := 5, 18
	return &Program{Name: "سورپرایز خانواده",
		Trigger: Trigger{Kind: OnSegment, When: []rules.Condition{
			{Kind: rules.Trait, Trait: "has_kids", Op: rules.Eq, Values: []string{"true"}}, bought(s, rules.Gte, 1, 365)}},
		Steps: []Step{
			{ID: "thursday", Kind: Wait, OnDay: &five, AtHour: &eighteen},
			tag("tag", "family-surprise"),
			msgStep("sms", SendSMS, Promotional, tmpl("", "{{first_name}} عزیز، با سفارش بعدی‌تان هدیه‌ای کوچک برای بچه‌ها می‌فرستیم 🎁",
				"", "{{first_name}}, your next order comes with a small gift for the kids 🎁")),
		}}
}

func mentionThanks(s Shop) *Program {
	return &Program{Name: "سپاس برای اشتراک در شبکهٔ اجتماعی",
		Trigger: Trigger{Kind: rules.OnEvent, Event: s.Mention},
		Steps: []Step{
			{ID: "hour", Kind: Wait, For: "1h"},
			tag("advocate", "advocate"),
			msgStep("thanks", SendSMS, Service, tmpl("", "{{first_name|دوست عزیز}}، ممنون که از {{brand}} نوشتید؛ دلگرم شدیم 🙏",
				"", "{{first_name|Friend}}, thank you for mentioning {{brand}}; it made our day 🙏")),
		},
		Reentry: Reentry{Policy: AfterExit, AfterDays: 30}}
}

func winBack(s Shop) *Program {
	return &Program{Name: "بازگرداندن مشتری خاموش",
		Trigger: Trigger{Kind: OnSchedule, Schedule: &Schedule{Weekday: 6, Hour: 10, Timezone: "Asia/Tehran"},
			When: []rules.Condition{bought(s, rules.Eq, 0, 90), bought(s, rules.Gte, 1, 365)}},
		Steps: []Step{
			msgStep("offer", SendSMS, Promotional, tmpl("", "{{first_name}} عزیز، دلمان برایتان تنگ شده؛ تا دو هفته ۲۰٪ تخفیف در {{brand}}.",
				"", "{{first_name}}, we miss you: 20% off at {{brand}} for two weeks.")),
			{ID: "await", Kind: WaitEvent, Event: s.Purchase, Timeout: "14d", OnTimeout: "call", Next: End},
			{ID: "call", Kind: Act, Action: &Action{Action: rules.Action{Kind: rules.OpenCase, Reason: "win_back", Title: "تماس با مشتری خاموش / Call a silent customer"}}},
		},
		Goal:    &Goal{Event: s.Purchase, WithinDays: 30},
		Reentry: Reentry{Policy: AfterExit, AfterDays: 90}}
}

func welcomeSeries(s Shop) *Program {
	return &Program{Name: "مجموعهٔ خوش‌آمد",
		Trigger: Trigger{Kind: rules.OnEvent, Event: s.Purchase, When: []rules.Condition{bought(s, rules.Eq, 1, 3650)}},
		Steps: []Step{
			msgStep("hello", SendEmail, Service, tmpl("به {{brand}} خوش آمدید", "سلام {{first_name|دوست عزیز}}،\nاز اولین خریدتان ممنونیم. هر پرسشی داشتید به همین ایمیل پاسخ دهید.",
				"Welcome to {{brand}}", "Hello {{first_name|there}},\nThank you for your first order. Reply to this e-mail with any question.")),
			{ID: "three-days", Kind: Wait, For: "3d"},
			msgStep("tips", SendEmail, Promotional, tmpl("چند نکته برای شما", "سلام {{first_name|دوست عزیز}}،\nچند نکته برای نگهداری خریدتان، و پیشنهادهای هفته.\nلغو اشتراک: {{unsubscribe_url}}",
				"A few tips", "Hello {{first_name|there}},\nA few tips to care for your order, and this week's picks.\nUnsubscribe: {{unsubscribe_url}}")),
			{ID: "week", Kind: Wait, For: "7d"},
			{ID: "again", Kind: Branch, Paths: []Path{{Name: "ordered again", Next: "loyal", When: []rules.Condition{bought(s, rules.Gte, 2, 30)}}}, Else: End},
			tag("loyal", "loyal-start"),
		}}
}

func withNext(s Step, next string) Step { s.Next = next; return s }

func ptr(v float64) *float64 { return &v }
