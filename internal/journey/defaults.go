package journey

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/store"
)

func target(v float64) *float64 { return &v }

// DefaultRetail is the journey a new workspace starts with: what a small
// shop meets its customers through, from the first ad to the loyalty card.
// Targets are CSAT means on the 1–5 scale; the shop edits them.
var DefaultRetail = []Touchpoint{
	{Key: "social_media", NameFa: "شبکه‌های اجتماعی", NameEn: "Social media", Stage: "awareness", Channel: "social", TargetScore: target(4)},
	{Key: "ads", NameFa: "تبلیغات", NameEn: "Advertising", Stage: "awareness", Channel: "ads", TargetScore: target(3.8)},
	{Key: "website", NameFa: "وب‌سایت", NameEn: "Website", Stage: "consideration", Channel: "website", TargetScore: target(4.2)},
	{Key: "phone_inquiry", NameFa: "تماس تلفنی و پرسش", NameEn: "Phone inquiry", Stage: "consideration", Channel: "call_center", TargetScore: target(4.3)},
	{Key: "store_visit", NameFa: "بازدید از فروشگاه", NameEn: "Store visit", Stage: "consideration", Channel: "store", TargetScore: target(4.3)},
	{Key: "staff", NameFa: "برخورد کارکنان", NameEn: "Staff", Stage: "purchase", Channel: "store", TargetScore: target(4.5)},
	{Key: "checkout", NameFa: "صندوق و پرداخت", NameEn: "Checkout and payment", Stage: "purchase", Channel: "store", TargetScore: target(4.4)},
	{Key: "online_order", NameFa: "سفارش آنلاین", NameEn: "Online order", Stage: "purchase", Channel: "website", TargetScore: target(4.3)},
	{Key: "invoice", NameFa: "فاکتور و رسید", NameEn: "Invoice and receipt", Stage: "delivery", Channel: "email", TargetScore: target(4.2)},
	{Key: "delivery", NameFa: "ارسال و تحویل", NameEn: "Delivery", Stage: "delivery", Channel: "courier", TargetScore: target(4.3)},
	{Key: "product_use", NameFa: "استفاده از محصول", NameEn: "Using the product", Stage: "use", Channel: "other", TargetScore: target(4.4)},
	{Key: "support", NameFa: "پشتیبانی", NameEn: "Support", Stage: "support", Channel: "call_center", TargetScore: target(4.2)},
	{Key: "returns", NameFa: "مرجوعی و تعویض", NameEn: "Returns and exchanges", Stage: "support", Channel: "store", TargetScore: target(4)},
	{Key: "warranty", NameFa: "گارانتی", NameEn: "Warranty", Stage: "loyalty", Channel: "sms", TargetScore: target(4.2)},
	{Key: "rewards", NameFa: "باشگاه مشتریان و پاداش", NameEn: "Rewards club", Stage: "loyalty", Channel: "app", TargetScore: target(4.1)},
}

// SeedDefaults gives a new workspace the default retail journey.
func SeedDefaults(ctx context.Context, tx *store.Tx, workspaceID int64) error {
	for i, t := range DefaultRetail {
		t.Position = (i + 1) * 10
		if err := CreateTouchpoint(ctx, tx, workspaceID, &t); err != nil {
			return err
		}
	}
	return nil
}
