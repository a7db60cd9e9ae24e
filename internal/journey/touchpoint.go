package journey

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

// Touchpoint is a place where the business meets its customers, with the
// expectation it sets for the experience there.
type Touchpoint struct {
	Key          string    `json:"key"`
	NameFa       string    `json:"name_fa"`
	NameEn       string    `json:"name_en"`
	Phase        Phase     `json:"phase"`
	Stage        string    `json:"stage"`
	Channel      string    `json:"channel"`
	TargetMetric string    `json:"target_metric"`
	TargetScore  *float64  `json:"target_score"`
	Position     int       `json:"position"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// Validate checks a touchpoint and derives its phase from its stage.
func (t *Touchpoint) Validate() error {
	const op = "journey.Touchpoint"
	if !keyPattern.MatchString(t.Key) {
		return errs.Field(op, "key", "key %q must start with a letter and hold only a–z, 0–9 and _ (64 at most)", t.Key)
	}
	t.NameFa, t.NameEn = strings.TrimSpace(t.NameFa), strings.TrimSpace(t.NameEn)
	if t.NameFa == "" && t.NameEn == "" {
		return errs.Field(op, "name_fa", "give the touchpoint a name in Persian or English")
	}
	if t.NameFa == "" {
		t.NameFa = t.NameEn
	}
	if t.NameEn == "" {
		t.NameEn = t.NameFa
	}
	phase, ok := PhaseOf(t.Stage)
	if !ok {
		return errs.Field(op, "stage", "stage %q is not one of awareness, consideration, purchase, delivery, use, support, loyalty", t.Stage)
	}
	t.Phase = phase
	if !ValidChannel(t.Channel) {
		return errs.Field(op, "channel", "channel %q is not one of %s", t.Channel, strings.Join(Channels, ", "))
	}
	return t.validateTarget()
}

func (t *Touchpoint) validateTarget() error {
	if t.TargetMetric == "" {
		t.TargetMetric = "csat"
	}
	rng, ok := Metrics[t.TargetMetric]
	if !ok {
		return errs.Field("journey.Touchpoint", "target_metric", "target_metric must be csat, nps or ces, not %q", t.TargetMetric)
	}
	if t.TargetScore != nil && (*t.TargetScore < rng[0] || *t.TargetScore > rng[1]) {
		return errs.Field("journey.Touchpoint", "target_score", "a %s target must be between %g and %g", t.TargetMetric, rng[0], rng[1])
	}
	return nil
}

const touchpointColumns = `key, name_fa, name_en, phase, stage, channel, target_metric, target_score, position, created_at, updated_at`

func scanTouchpoint(row interface{ Scan(...any) error }) (*Touchpoint, error) {
	var t Touchpoint
	var phase string
	var target sql.NullFloat64
	var created, updated int64
	err := row.Scan(&t.Key, &t.NameFa, &t.NameEn, &phase, &t.Stage, &t.Channel, &t.TargetMetric, &target, &t.Position, &created, &updated)
	if err != nil {
		return nil, err
	}
	t.Phase = Phase(phase)
	if target.Valid {
		t.TargetScore = &target.Float64
	}
	t.CreatedAt, t.UpdatedAt = store.Time(created), store.Time(updated)
	return &t, nil
}

// ListTouchpoints returns the workspace's touchpoints in journey order.
func ListTouchpoints(ctx context.Context, db *store.DB, workspaceID int64) ([]Touchpoint, error) {
	rows, err := db.Query(ctx, `SELECT `+touchpointColumns+` FROM touchpoints WHERE workspace_id = ?
		ORDER BY position, key`, workspaceID)
	if err != nil {
		return nil, errs.Wrap("journey.ListTouchpoints", err)
	}
	defer rows.Close()
	out := []Touchpoint{}
	for rows.Next() {
		t, err := scanTouchpoint(rows)
		if err != nil {
			return nil, errs.Wrap("journey.ListTouchpoints", err)
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// GetTouchpoint returns one touchpoint by key.
func GetTouchpoint(ctx context.Context, db *store.DB, workspaceID int64, key string) (*Touchpoint, error) {
	t, err := scanTouchpoint(db.QueryRow(ctx, `SELECT `+touchpointColumns+` FROM touchpoints
		WHERE workspace_id = ? AND key = ?`, workspaceID, key))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E("journey.GetTouchpoint", errs.NotExist, "touchpoint %q does not exist in this workspace", key)
	}
	return t, errs.Wrap("journey.GetTouchpoint", err)
}

// CreateTouchpoint stores a new touchpoint.
func CreateTouchpoint(ctx context.Context, tx *store.Tx, workspaceID int64, t *Touchpoint) error {
	const op = "journey.CreateTouchpoint"
	if err := t.Validate(); err != nil {
		return err
	}
	t.CreatedAt, t.UpdatedAt = tx.Now.UTC(), tx.Now.UTC()
	now := store.Millis(tx.Now)
	res, err := tx.Exec(ctx, `INSERT INTO touchpoints (workspace_id, key, name_fa, name_en, phase, stage, channel,
		target_metric, target_score, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workspace_id, key) DO NOTHING`,
		workspaceID, t.Key, t.NameFa, t.NameEn, string(t.Phase), t.Stage, t.Channel, t.TargetMetric, t.TargetScore, t.Position, now, now)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &errs.Error{Op: op, Kind: errs.Exist, Field: "key", Msg: "touchpoint " + t.Key + " already exists"}
	}
	return nil
}

// SaveTouchpoint replaces an existing touchpoint's fields (the key stays).
func SaveTouchpoint(ctx context.Context, db *store.DB, workspaceID int64, t *Touchpoint) error {
	const op = "journey.SaveTouchpoint"
	if err := t.Validate(); err != nil {
		return err
	}
	res, err := db.Exec(ctx, `UPDATE touchpoints SET name_fa = ?, name_en = ?, phase = ?, stage = ?, channel = ?,
		target_metric = ?, target_score = ?, position = ?, updated_at = ? WHERE workspace_id = ? AND key = ?`,
		t.NameFa, t.NameEn, string(t.Phase), t.Stage, t.Channel, t.TargetMetric, t.TargetScore, t.Position,
		store.Millis(db.Now()), workspaceID, t.Key)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(op, errs.NotExist, "touchpoint %q does not exist in this workspace", t.Key)
	}
	return nil
}

// DeleteTouchpoint removes a touchpoint that no event refers to yet; one
// with history must stay so the history keeps its meaning.
func DeleteTouchpoint(ctx context.Context, db *store.DB, workspaceID int64, key string) error {
	const op = "journey.DeleteTouchpoint"
	var used int
	if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE workspace_id = ? AND touchpoint = ? LIMIT 1) x`,
		workspaceID, key).Scan(&used); err != nil {
		return errs.Wrap(op, err)
	}
	if used > 0 {
		return errs.E(op, errs.Conflict, "touchpoint %q has recorded events and cannot be deleted; rename it instead", key)
	}
	res, err := db.Exec(ctx, `DELETE FROM touchpoints WHERE workspace_id = ? AND key = ?`, workspaceID, key)
	if err != nil {
		return errs.Wrap(op, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(op, errs.NotExist, "touchpoint %q does not exist in this workspace", key)
	}
	return nil
}
