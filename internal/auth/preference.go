package auth

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Preferences are how a person likes the console shown. Empty fields
// follow the browser (Language) and the language (Calendar).
type Preferences struct {
	Language string // "fa", "en" or ""
	Calendar string // "jalali", "gregorian" or ""
}

// Validate refuses languages and calendars the console does not offer.
func (p Preferences) Validate() error {
	const op = "auth.Preferences"
	switch p.Language {
	case "", "fa", "en":
	default:
		return errs.Field(op, "language", "language must be fa or en, not %q", p.Language)
	}
	switch p.Calendar {
	case "", "jalali", "gregorian":
	default:
		return errs.Field(op, "calendar", "calendar must be jalali or gregorian, not %q", p.Calendar)
	}
	return nil
}

// SavePreferences stores userID's preferences.
func SavePreferences(ctx context.Context, db *store.DB, userID int64, p Preferences) error {
	if err := p.Validate(); err != nil {
		return err
	}
	_, err := db.Exec(ctx, `INSERT INTO user_preferences (user_id, language, calendar, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, calendar = excluded.calendar,
		updated_at = excluded.updated_at`, userID, p.Language, p.Calendar, store.Millis(db.Now()))
	return errs.Wrap("auth.SavePreferences", err)
}
