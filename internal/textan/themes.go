package textan

// Theme is one CX theme a workspace tracks. Workspaces edit their own set;
// DefaultThemes is where a new workspace starts.
type Theme struct {
	ID         string   `json:"id"`
	NameFa     string   `json:"name_fa"`
	NameEn     string   `json:"name_en"`
	KeywordsFa []string `json:"keywords_fa"`
	KeywordsEn []string `json:"keywords_en"`
	Touchpoint string   `json:"touchpoint,omitempty"` // optional journey touchpoint key
}

// DefaultThemes returns a fresh copy of the default theme set, safe to edit.
func DefaultThemes() []Theme {
	return []Theme{
		{ID: "price", NameFa: "قیمت و ارزش", NameEn: "Price and value",
			KeywordsFa: []string{"قیمت", "قیمتش", "گران", "گرون", "ارزان", "ارزون", "پول", "هزینه", "تخفیف", "ارزش", "میارزه", "نمیارزه", "به صرفه", "مقرون به صرفه", "گرونه", "گرانی", "تومن", "تومان"},
			KeywordsEn: []string{"price", "prices", "pricing", "cost", "costs", "expensive", "cheap", "affordable", "overpriced", "pricey", "value", "money", "discount", "worth", "bargain", "rip off", "fee", "fees"}},
		{ID: "staff", NameFa: "رفتار کارکنان", NameEn: "Staff behaviour",
			KeywordsFa: []string{"کارمند", "کارکنان", "پرسنل", "فروشنده", "گارسون", "برخورد", "رفتار", "مودب", "بیادب", "خوشبرخورد", "بدبرخورد", "بداخلاق", "خوش اخلاق", "مهربان", "مهربون", "همکار", "همکاران", "مسئول", "آقای", "خانم", "صندوقدار", "مدیر"},
			KeywordsEn: []string{"staff", "employee", "employees", "waiter", "waitress", "cashier", "manager", "agent", "rude", "friendly", "polite", "attitude", "behaviour", "behavior", "server", "team", "person", "guy", "lady", "salesperson"}, Touchpoint: "store"},
		{ID: "delivery", NameFa: "سرعت و ارسال", NameEn: "Speed and delivery",
			KeywordsFa: []string{"ارسال", "پیک", "تحویل", "رسید", "رسیدن", "نرسید", "دیر", "زود", "سریع", "تاخیر", "به موقع", "پست", "باربری", "مرسوله", "بسته", "ارسالش", "دیررسید", "دیر رسید"},
			KeywordsEn: []string{"delivery", "delivered", "deliver", "shipping", "shipped", "shipment", "courier", "driver", "arrived", "arrive", "late", "fast", "quick", "slow", "delay", "delayed", "on time", "dispatch", "parcel", "package arrived"}, Touchpoint: "delivery"},
		{ID: "quality", NameFa: "کیفیت محصول", NameEn: "Product quality",
			KeywordsFa: []string{"کیفیت", "کیفیتش", "جنس", "جنسش", "محصول", "کالا", "دوخت", "خراب", "معیوب", "شکسته", "باکیفیت", "بیکیفیت", "اصل", "تقلبی", "دوام", "بادوام", "پارچه", "باتری"},
			KeywordsEn: []string{"quality", "product", "material", "materials", "build", "broken", "defective", "durable", "sturdy", "flimsy", "fake", "item", "items", "stitching", "fabric", "battery", "made"}},
		{ID: "cleanliness", NameFa: "نظافت و بهداشت", NameEn: "Cleanliness",
			KeywordsFa: []string{"تمیز", "کثیف", "نظافت", "بهداشت", "بهداشتی", "سرویس بهداشتی", "بو", "بدبو", "سوسک", "آلوده", "کثیفی"},
			KeywordsEn: []string{"clean", "dirty", "cleanliness", "hygiene", "filthy", "smell", "smelly", "toilet", "bathroom", "restroom", "cockroach", "spotless", "messy"}},
		{ID: "payment", NameFa: "پرداخت", NameEn: "Payment",
			KeywordsFa: []string{"پرداخت", "درگاه", "کارت", "کیف پول", "فاکتور", "صورتحساب", "کسر", "شارژ", "اقساط", "قسطی", "تراکنش", "کارتخوان"},
			KeywordsEn: []string{"payment", "pay", "paid", "checkout", "card", "charged", "charge", "invoice", "bill", "billing", "transaction", "wallet", "installments"}, Touchpoint: "checkout"},
		{ID: "returns", NameFa: "مرجوعی و بازپرداخت", NameEn: "Returns and refunds",
			KeywordsFa: []string{"مرجوع", "مرجوعی", "برگشت", "بازگشت وجه", "پس دادم", "پس دادن", "تعویض", "عودت", "استرداد", "گارانتی", "ضمانت"},
			KeywordsEn: []string{"return", "returns", "returned", "refund", "refunds", "refunded", "exchange", "warranty", "guarantee", "money back"}, Touchpoint: "returns"},
		{ID: "digital", NameFa: "سایت و اپلیکیشن", NameEn: "Website and app",
			KeywordsFa: []string{"سایت", "اپ", "اپلیکیشن", "برنامه", "وبسایت", "نرم افزار", "نرمافزار", "صفحه", "لاگین", "ورود", "ثبت نام", "آپدیت", "هنگ", "باگ", "ارور"},
			KeywordsEn: []string{"website", "site", "app", "application", "login", "log in", "page", "checkout page", "update", "bug", "bugs", "crash", "crashes", "glitch", "interface", "online"}, Touchpoint: "digital"},
		{ID: "trust", NameFa: "اعتماد", NameEn: "Trust",
			KeywordsFa: []string{"اعتماد", "کلاهبرداری", "کلاهبردار", "دروغ", "صادق", "معتبر", "قابل اعتماد", "تقلبی", "اصالت", "فریب", "امن", "مطمئن"},
			KeywordsEn: []string{"trust", "scam", "fraud", "honest", "dishonest", "reliable", "unreliable", "lied", "misleading", "fake", "trustworthy", "safe", "secure"}},
		{ID: "taste", NameFa: "طعم غذا", NameEn: "Food taste",
			KeywordsFa: []string{"غذا", "غذاش", "طعم", "مزه", "خوشمزه", "بدمزه", "بیمزه", "پیتزا", "کباب", "برگر", "ساندویچ", "سالاد", "برنج", "قهوه", "نوشیدنی", "دسر", "سرد", "شور", "لذیذ", "سوخته", "گوشت", "مرغ"},
			KeywordsEn: []string{"food", "taste", "tasty", "delicious", "flavor", "flavour", "bland", "pizza", "burger", "kebab", "sandwich", "salad", "rice", "coffee", "drink", "dessert", "meal", "dish", "cold", "salty", "soggy", "chicken", "meat"}, Touchpoint: "restaurant"},
		{ID: "fit", NameFa: "سایز و اندازه", NameEn: "Sizing and fit",
			KeywordsFa: []string{"سایز", "اندازه", "قالب", "تنگ", "گشاد", "کوچک", "کوچیک", "بزرگ", "پا", "کفش", "سایزش", "قالبش", "جا"},
			KeywordsEn: []string{"size", "sizing", "fit", "fits", "fitting", "tight", "loose", "small", "large", "big", "narrow", "wide", "shoe", "shoes", "true to size"}, Touchpoint: "store"},
		{ID: "waiting", NameFa: "زمان انتظار", NameEn: "Waiting time",
			KeywordsFa: []string{"انتظار", "منتظر", "معطل", "معطلی", "صف", "نوبت", "علاف", "طول کشید", "ساعت", "دقیقه", "وقت"},
			KeywordsEn: []string{"wait", "waited", "waiting", "queue", "line", "hours", "minutes", "forever", "took ages", "hold", "on hold"}},
		{ID: "packaging", NameFa: "بسته\u200cبندی", NameEn: "Packaging",
			KeywordsFa: []string{"بستهبندی", "بسته بندی", "بسته بندیش", "بستهبندیش", "کارتن", "جعبه", "پلمپ", "کادو", "له", "له شده"},
			KeywordsEn: []string{"packaging", "packaged", "packed", "box", "wrapping", "wrapped", "sealed", "crushed", "package"}},
		{ID: "support", NameFa: "پشتیبانی و مرکز تماس", NameEn: "Support and call centre",
			KeywordsFa: []string{"پشتیبانی", "پشتیبان", "مرکز تماس", "تماس", "تلفن", "اپراتور", "کارشناس", "جواب", "پاسخ", "پاسخگو", "پاسخگویی", "تیکت", "چت", "زنگ", "شکایت", "پیگیری"},
			KeywordsEn: []string{"support", "customer service", "call center", "call centre", "call", "called", "phone", "operator", "agent", "ticket", "chat", "email", "response", "reply", "answer", "helpdesk", "complaint", "hold"}, Touchpoint: "support"},
	}
}
