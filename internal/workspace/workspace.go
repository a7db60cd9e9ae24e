// Package workspace owns workspaces: the brands or clients one deployment
// serves. Every other record belongs to exactly one workspace.
package workspace

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Workspace is one brand or client, with its language and time zone.
type Workspace struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	Language  string    `json:"language"` // "fa" or "en": the default for customers and staff
	Timezone  string    `json:"timezone"` // IANA name, Asia/Tehran for Persian workspaces
	Region    string    `json:"region"`   // ISO country for phone numbers written without a country code
	CreatedAt time.Time `json:"created_at"`
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Validate fills defaults and checks the fields.
func (w *Workspace) Validate() error {
	const op = "workspace.Validate"
	w.Name = strings.TrimSpace(w.Name)
	if w.Name == "" {
		return errs.Field(op, "name", "a workspace needs a name")
	}
	if w.Slug == "" {
		w.Slug = Slugify(w.Name)
	}
	if !slugPattern.MatchString(w.Slug) {
		return errs.Field(op, "slug", "slug %q must be lower-case letters, digits and dashes", w.Slug)
	}
	if w.Language == "" {
		w.Language = "fa"
	}
	if w.Language != "fa" && w.Language != "en" {
		return errs.Field(op, "language", "language must be fa or en, not %q", w.Language)
	}
	return w.validatePlace()
}

func (w *Workspace) validatePlace() error {
	const op = "workspace.Validate"
	if w.Timezone == "" {
		w.Timezone = "UTC"
		if w.Language == "fa" {
			w.Timezone = "Asia/Tehran"
		}
	}
	if _, err := time.LoadLocation(w.Timezone); err != nil {
		return errs.Field(op, "timezone", "unknown time zone %q", w.Timezone)
	}
	if w.Region == "" {
		w.Region = "IR"
	}
	w.Region = strings.ToUpper(w.Region)
	if len(w.Region) != 2 {
		return errs.Field(op, "region", "region must be a two-letter country code, not %q", w.Region)
	}
	return nil
}

// Location returns the workspace's time zone.
func (w *Workspace) Location() *time.Location {
	loc, err := time.LoadLocation(w.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Slugify derives a URL-safe slug from a name; names in Persian get "ws".
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		s = "ws"
	}
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}

// Create stores a new workspace in tx and sets its ID.
func Create(ctx context.Context, tx *store.Tx, w *Workspace) error {
	const op = "workspace.Create"
	if err := w.Validate(); err != nil {
		return err
	}
	w.CreatedAt = tx.Now.UTC()
	err := tx.QueryRow(ctx, `INSERT INTO workspaces (name, slug, language, timezone, region, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO NOTHING RETURNING id`,
		w.Name, w.Slug, w.Language, w.Timezone, w.Region, store.Millis(w.CreatedAt)).Scan(&w.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return &errs.Error{Op: op, Kind: errs.Exist, Field: "slug", Msg: "a workspace with slug " + w.Slug + " already exists"}
	}
	return errs.Wrap(op, err)
}

// Get returns the workspace with the given id.
func Get(ctx context.Context, db *store.DB, id int64) (*Workspace, error) {
	var w Workspace
	var created int64
	err := db.QueryRow(ctx, `SELECT id, name, slug, language, timezone, region, created_at
		FROM workspaces WHERE id = ?`, id).
		Scan(&w.ID, &w.Name, &w.Slug, &w.Language, &w.Timezone, &w.Region, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E("workspace.Get", errs.NotExist, "workspace %d does not exist", id)
	}
	if err != nil {
		return nil, errs.Wrap("workspace.Get", err)
	}
	w.CreatedAt = store.Time(created)
	return &w, nil
}
