// Package locale holds what Tajrobe needs to speak Persian and English:
// message catalogs, text direction, Persian and Arabic-Indic digits,
// number and phone formatting, the Jalali (Solar Hijri) calendar, the
// Iranian working week and period buckets for analytics.
//
// Functions take a language tag such as "fa", "fa-IR" or "en-US"; only the
// base language matters, and anything that is not Persian is treated as
// English.
package locale
