package demo

// Comments written for the demo: what customers of a shoe shop (in
// Persian) and a pizza shop (in English) say after each kind of moment,
// the bad and the good. Keys are language, moment and tone.
var comments = map[string]map[string][2][]string{
	"fa": {
		"delivery": {{
			"سفارش سه روز دیرتر از موعد رسید و هیچ‌کس خبر نداد.",
			"کفش‌ها رسید ولی جعبه له شده بود.",
			"پیک زنگ نزد و بسته را دم در همسایه گذاشت.",
			"کد رهگیری کار نمی‌کرد، چند بار تماس گرفتم تا فهمیدم کجاست.",
			"گفته بودید ۴۸ ساعته، یک هفته طول کشید.",
			"سایز اشتباه فرستادید؛ ۴۲ سفارش دادم، ۴۰ آمد.",
			"بسته باز شده بود و جوراب‌های هدیه داخلش نبود.",
		}, {
			"زودتر از چیزی که فکر می‌کردم رسید، ممنون!",
			"بسته‌بندی تمیز و مرتب بود، حتی یک کارت تشکر هم داشت.",
			"پیک خیلی مؤدب بود و قبل از آمدن هماهنگ کرد.",
			"همان روز سفارش رسید، عالی بود.",
			"رهگیری دقیق بود و دقیقاً سر ساعت رسید.",
		}},
		"purchase": {{
			"قیمت‌ها نسبت به ماه پیش خیلی بالا رفته.",
			"پرداخت اینترنتی دو بار خطا داد و پولم کسر شد.",
			"موقع خرید کسی نبود راهنمایی کند، صف صندوق هم طولانی بود.",
			"تخفیف روی سایت نوشته شده بود ولی در فاکتور اعمال نشد.",
			"مدلی که در اینستاگرام دیدم موجود نبود.",
		}, {
			"خرید راحت و سریعی بود، حتماً دوباره می‌آیم.",
			"تنوع مدل‌ها خیلی خوب است، برای دخترم هم پیدا کردم.",
			"کیفیت چرم نسبت به قیمت عالی است.",
			"امتیاز باشگاه مشتریان واقعاً به کار آمد.",
			"سایت ساده است و سایزبندی را خوب توضیح داده.",
		}},
		"support": {{
			"سه بار تماس گرفتم و هر بار باید از اول توضیح می‌دادم.",
			"بیست دقیقه پشت خط ماندم.",
			"قول دادند زنگ بزنند ولی هیچ خبری نشد.",
			"برای تعویض سایز گفتند باید خودم بیاورم شعبه، خیلی دور است.",
			"گارانتی را قبول نکردند چون جعبه را نگه نداشته بودم.",
		}, {
			"کارشناس پشتیبانی صبور بود و مشکل را همان‌جا حل کرد.",
			"تعویض سایز بدون هیچ دردسری انجام شد.",
			"خودشان پیگیری کردند و خبر دادند، کمتر جایی این کار را می‌کند.",
			"پاسخ پیامک خیلی سریع بود.",
		}},
		"store": {{
			"فروشنده حوصله نداشت و فقط گفت همین است که هست.",
			"شعبه شلوغ بود و اتاق پرو نداشت.",
			"پارکینگ ندارد و پیدا کردن جا سخت است.",
			"سایز من از هیچ مدلی موجود نبود.",
		}, {
			"خانم فروشنده خیلی کمک کرد سایز درست را پیدا کنم.",
			"فروشگاه تمیز و خوش‌نور بود و موسیقی آرامی داشت.",
			"برای پسرم کفش ورزشی مناسب پیشنهاد دادند، راضی بود.",
			"برخورد همکاران شعبه ونک عالی بود.",
			"گذاشتند چند مدل را با خیال راحت امتحان کنم.",
		}},
		"product": {{
			"بعد از دو هفته زیره‌اش جدا شد.",
			"رنگ کفش با عکس سایت فرق داشت.",
			"پاشنه پایم را زخم کرد.",
			"قالب کفش کوچک است، یک سایز بزرگ‌تر باید می‌گرفتم.",
		}, {
			"خیلی راحت است، کل روز پایم بود و خسته نشدم.",
			"برای پیاده‌روی صبح عالی است.",
			"بعد از شش ماه هنوز مثل روز اول است.",
			"همه می‌پرسند از کجا خریده‌ام 😊",
		}},
	},
	"en": {
		"delivery": {{
			"The pizza arrived cold and the box was soggy.",
			"Delivery took over an hour on a Tuesday night.",
			"The driver couldn't find our building and didn't call.",
			"Half the order was missing, no garlic bread, no drinks.",
			"Tracking said 'delivered' twenty minutes before it came.",
			"Cheese had slid to one side of the box, looked like a mess.",
			"Wrong pizza — we ordered veggie and got pepperoni.",
		}, {
			"Piping hot and faster than promised!",
			"Driver was friendly and even brought extra napkins.",
			"Arrived in 25 minutes during the rain, impressive.",
			"Everything was there and still crispy.",
			"Love that you text when the driver is close.",
		}},
		"purchase": {{
			"The app kept crashing at checkout.",
			"Promo code didn't work and nobody could tell me why.",
			"Prices went up again, a family order is getting expensive.",
			"Card payment failed twice, had to pay cash.",
			"Waited 15 minutes at the counter just to order.",
		}, {
			"Ordering on the website takes a minute, super easy.",
			"Great deal on the family box.",
			"Staff at the counter remembered my usual order!",
			"Loved the dessert surprise for my kid's birthday.",
			"Clear menu, allergy info right there.",
		}},
		"support": {{
			"Called about a missing order and was put on hold forever.",
			"They offered a voucher but it expired before I could use it.",
			"Nobody called back as promised.",
			"I had to explain the problem three times.",
		}, {
			"They refunded the cold pizza right away, no arguing.",
			"The manager called me personally to apologise.",
			"Quick, kind and solved it in one call.",
			"Got a fresh pizza sent within 30 minutes. Great service.",
		}},
		"store": {{
			"Tables were sticky and nobody cleared them.",
			"Too loud to talk inside.",
		}, {
			"Cosy place, the wood oven smell is amazing.",
			"Staff were lovely with our kids.",
		}},
		"product": {{
			"Crust was burnt on the bottom.",
			"Too salty, and the sauce tasted canned.",
			"Toppings were really skimpy for the price.",
			"Base was undercooked in the middle.",
		}, {
			"Best margherita in town, the basil is always fresh.",
			"Crust is perfect, thin and crispy.",
			"Our Friday pizza night is a family tradition now 🍕",
			"The new spicy one is fantastic.",
			"Tastes like the pizza I had in Naples.",
		}},
	},
}

// momentOf groups touchpoints by the kind of moment customers talk about.
var momentOf = map[string]string{
	"delivery": "delivery", "checkout": "purchase", "online_order": "purchase", "support": "support",
	"returns": "support", "store_visit": "store", "staff": "store", "product_use": "product",
}
