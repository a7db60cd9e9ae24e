package comment

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// Bounds on a workspace's theme set.
const (
	MaxThemes   = 100
	MaxKeywords = 300 // per theme and language
	maxKeyword  = 64  // characters
)

var themeID = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// ThemeSet is a workspace's themes with the version analyses record.
// Version 0 means the defaults, never edited.
type ThemeSet struct {
	Themes  []textan.Theme `json:"themes"`
	Version int            `json:"version"`
}

// Themes returns the workspace's theme set: textan's defaults until the
// workspace edits them.
func Themes(ctx context.Context, db *store.DB, workspaceID int64) (ThemeSet, error) {
	var raw string
	set := ThemeSet{}
	err := db.QueryRow(ctx, `SELECT themes, version FROM comment_themes WHERE workspace_id = ?`, workspaceID).Scan(&raw, &set.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return ThemeSet{Themes: textan.DefaultThemes()}, nil
	}
	if err != nil {
		return set, errs.Wrap("comment.Themes", err)
	}
	if err := json.Unmarshal([]byte(raw), &set.Themes); err != nil {
		return set, errs.Wrap("comment.Themes", err)
	}
	return set, nil
}

// SetThemes replaces the workspace's theme set and returns the new one.
// New comments are read with it at once; earlier analyses keep theirs.
func SetThemes(ctx context.Context, db *store.DB, workspaceID int64, actor string, themes []textan.Theme) (ThemeSet, error) {
	const op = "comment.SetThemes"
	if err := ValidateThemes(themes); err != nil {
		return ThemeSet{}, err
	}
	set := ThemeSet{Themes: themes}
	body := mustJSON(themes)
	err := db.InTx(ctx, func(tx *store.Tx) error {
		err := tx.QueryRow(ctx, `INSERT INTO comment_themes (workspace_id, themes, version, updated_at) VALUES (?, ?, 1, ?)
			ON CONFLICT (workspace_id) DO UPDATE SET themes = excluded.themes,
			version = comment_themes.version + 1, updated_at = excluded.updated_at RETURNING version`,
			workspaceID, body, store.Millis(tx.Now)).Scan(&set.Version)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, workspaceID, actor, "comment.themes", "themes", map[string]int{"version": set.Version, "themes": len(themes)})
	})
	return set, errs.Wrap(op, err)
}

// ValidateThemes checks a theme set a person sent, naming the bad field.
func ValidateThemes(themes []textan.Theme) error {
	const op = "comment.ValidateThemes"
	if len(themes) == 0 || len(themes) > MaxThemes {
		return errs.Field(op, "themes", "send from 1 to %d themes, not %d", MaxThemes, len(themes))
	}
	seen := map[string]bool{}
	for i, t := range themes {
		at := fmt.Sprintf("themes[%d]", i)
		switch {
		case !themeID.MatchString(t.ID):
			return errs.Field(op, at+".id", "a theme id is a lower-case latin letter then up to 31 letters, digits or _, not %q", t.ID)
		case seen[t.ID]:
			return errs.Field(op, at+".id", "theme id %q appears twice", t.ID)
		case strings.TrimSpace(t.NameFa) == "" && strings.TrimSpace(t.NameEn) == "":
			return errs.Field(op, at+".name_fa", "theme %q needs a name in Persian or English", t.ID)
		case len(t.KeywordsFa)+len(t.KeywordsEn) == 0:
			return errs.Field(op, at+".keywords_fa", "theme %q needs at least one keyword", t.ID)
		}
		seen[t.ID] = true
		if err := keywords(op, at+".keywords_fa", t.KeywordsFa); err != nil {
			return err
		}
		if err := keywords(op, at+".keywords_en", t.KeywordsEn); err != nil {
			return err
		}
	}
	return nil
}

func keywords(op, field string, kws []string) error {
	if len(kws) > MaxKeywords {
		return errs.Field(op, field, "at most %d keywords, not %d", MaxKeywords, len(kws))
	}
	for j, k := range kws {
		n := utf8.RuneCountInString(strings.TrimSpace(k))
		if !utf8.ValidString(k) || n == 0 || n > maxKeyword {
			return errs.Field(op, fmt.Sprintf("%s[%d]", field, j), "a keyword is 1 to %d characters of text, not %q", maxKeyword, clean(k, 20))
		}
	}
	return nil
}
