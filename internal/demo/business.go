package demo

// step is one kind of moment a demo customer may have at a touchpoint.
// weights give the odds of each signal from −2 to +2.
type step struct {
	touchpoint, name, channel string
	chance                    int // percent of journeys that pass here
	weights                   [5]int
	props                     map[string]any
}

// business is one demo workspace and the journeys its customers take.
type business struct {
	name, slug, language string
	customers            int
	repeatMax            int // purchase cycles per customer, 1…repeatMax
	pre, buy, post       []step
	traits               func(p person) map[string]any
}

var shoeShop = business{
	name: "کفش آریا", slug: "aria-shoes", language: "fa", customers: 2400, repeatMax: 2,
	pre: []step{
		{"social_media", "Instagram Post Viewed", "social", 55, [5]int{0, 1, 30, 50, 19}, map[string]any{"post": "پاییزه ۱۴۰۵"}},
		{"ads", "Ad Clicked", "ads", 30, [5]int{2, 8, 60, 25, 5}, map[string]any{"campaign": "autumn-sale"}},
		{"website", "Product Viewed", "website", 70, [5]int{2, 8, 45, 35, 10}, map[string]any{"category": "running"}},
		{"phone_inquiry", "Called Store", "call_center", 25, [5]int{15, 25, 25, 25, 10}, map[string]any{"wait_seconds": 240}},
		{"store_visit", "Store Visited", "store", 60, [5]int{2, 6, 32, 40, 20}, map[string]any{"branch": "ونک"}},
	},
	buy: []step{
		{"staff", "Staff Helped", "store", 55, [5]int{4, 8, 20, 38, 30}, map[string]any{"advice": "size fitting"}},
		{"checkout", "Order Completed", "store", 60, [5]int{2, 5, 33, 45, 15}, map[string]any{"total": 4_850_000, "currency": "IRR"}},
		{"online_order", "Online Order Placed", "website", 40, [5]int{3, 7, 40, 38, 12}, map[string]any{"total": 3_900_000, "currency": "IRR"}},
	},
	post: []step{
		{"invoice", "Invoice Sent", "email", 80, [5]int{1, 4, 70, 20, 5}, nil},
		{"delivery", "Order Delivered", "courier", 40, [5]int{18, 22, 25, 25, 10}, map[string]any{"days": 3}},
		{"product_use", "Shoes Reviewed", "website", 25, [5]int{6, 10, 20, 34, 30}, map[string]any{"rating": 4}},
		{"returns", "Exchange Requested", "store", 12, [5]int{25, 30, 25, 15, 5}, map[string]any{"reason": "size"}},
		{"support", "Support Call", "call_center", 15, [5]int{20, 25, 25, 20, 10}, nil},
		{"warranty", "Warranty Registered", "sms", 30, [5]int{1, 3, 50, 36, 10}, map[string]any{"months": 6}},
		{"rewards", "Reward Points Earned", "app", 35, [5]int{1, 2, 30, 42, 25}, map[string]any{"points": 120}},
	},
	traits: func(p person) map[string]any {
		return map[string]any{"name": p.firstFa + " " + p.lastFa, "city": cities[p.city].fa,
			"birth_year": p.birthYear, "has_kids": p.hasKids, "language": "fa", "shoe_size": 37 + p.birthYear%8}
	},
}

var pizzaShop = business{
	name: "Napoli Pizza", slug: "napoli-pizza", language: "en", customers: 1400, repeatMax: 5,
	pre: []step{
		{"social_media", "Instagram Mention", "social", 35, [5]int{3, 5, 25, 40, 27}, map[string]any{"handle": "@napoli.pizza"}},
		{"website", "Menu Viewed", "website", 75, [5]int{2, 6, 50, 32, 10}, nil},
		{"phone_inquiry", "Phone Order Call", "call_center", 35, [5]int{10, 20, 35, 25, 10}, map[string]any{"wait_seconds": 90}},
	},
	buy: []step{
		{"online_order", "Order Placed", "website", 70, [5]int{2, 6, 40, 37, 15}, map[string]any{"items": 2, "total": 1_650_000, "currency": "IRR"}},
		{"staff", "Counter Service", "store", 25, [5]int{4, 8, 30, 38, 20}, nil},
		{"checkout", "Payment Completed", "store", 60, [5]int{3, 5, 52, 30, 10}, map[string]any{"method": "card"}},
	},
	post: []step{
		{"delivery", "Order Delivered", "courier", 70, [5]int{22, 20, 23, 25, 10}, map[string]any{"minutes": 48}},
		{"product_use", "Pizza Rated", "app", 40, [5]int{8, 12, 20, 35, 25}, map[string]any{"pizza": "Margherita"}},
		{"support", "Complaint Call", "call_center", 8, [5]int{40, 35, 15, 8, 2}, nil},
		{"rewards", "Family Surprise Sent", "app", 10, [5]int{0, 0, 10, 40, 50}, map[string]any{"gift": "dessert"}},
	},
	traits: func(p person) map[string]any {
		return map[string]any{"name": p.firstEn + " " + p.lastEn, "city": cities[p.city].en,
			"has_kids": p.hasKids, "language": "en", "favourite": []string{"Margherita", "Pepperoni", "Veggie"}[p.birthYear%3]}
	},
}
