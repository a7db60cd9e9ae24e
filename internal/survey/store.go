package survey

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

const surveyColumns = `id, workspace_id, name, template, status, touchpoint, questions, trigger_on,
	public_slug, webhook_url, webhook_secret, created_at, updated_at, published_at`

type scanner interface{ Scan(...any) error }

func scanSurvey(row scanner) (*Survey, error) {
	s := &Survey{}
	var questions, trigger []byte
	var slug sql.NullString
	var created, updated int64
	var published sql.NullInt64
	err := row.Scan(&s.ID, &s.WorkspaceID, &s.Name, &s.Template, &s.Status, &s.Touchpoint, &questions, &trigger,
		&slug, &s.WebhookURL, &s.WebhookSecret, &created, &updated, &published)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(questions, &s.Questions); err != nil {
		return nil, fmt.Errorf("survey %d questions: %w", s.ID, err)
	}
	if err := json.Unmarshal(trigger, &s.Trigger); err != nil {
		return nil, fmt.Errorf("survey %d trigger: %w", s.ID, err)
	}
	s.PublicSlug, s.CreatedAt, s.UpdatedAt = slug.String, store.Time(created), store.Time(updated)
	if published.Valid {
		t := store.Time(published.Int64)
		s.PublishedAt = &t
	}
	return s, nil
}

func notFound(op string, id int64) error {
	return errs.E(op, errs.NotExist, "survey %d does not exist in this workspace", id)
}

// Get returns survey id of the workspace.
func Get(ctx context.Context, db *store.DB, workspaceID, id int64) (*Survey, error) {
	s, err := scanSurvey(db.QueryRow(ctx, `SELECT `+surveyColumns+` FROM surveys WHERE workspace_id = ? AND id = ?`, workspaceID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("survey.Get", id)
	}
	return s, errs.Wrap("survey.Get", err)
}

// GetPublic returns the published survey with a public slug, in any
// workspace: the anonymous link and QR codes name it.
func GetPublic(ctx context.Context, db *store.DB, slug string) (*Survey, error) {
	s, err := scanSurvey(db.QueryRow(ctx, `SELECT `+surveyColumns+` FROM surveys WHERE public_slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.E("survey.GetPublic", errs.NotExist, "no survey has the link %q", slug)
	}
	return s, errs.Wrap("survey.GetPublic", err)
}

// List returns the workspace's surveys, newest first.
func List(ctx context.Context, db *store.DB, workspaceID int64) ([]Survey, error) {
	rows, err := db.Query(ctx, `SELECT `+surveyColumns+` FROM surveys WHERE workspace_id = ? ORDER BY id DESC`, workspaceID)
	if err != nil {
		return nil, errs.Wrap("survey.List", err)
	}
	defer rows.Close()
	out := []Survey{}
	for rows.Next() {
		s, err := scanSurvey(rows)
		if err != nil {
			return nil, errs.Wrap("survey.List", err)
		}
		out = append(out, *s)
	}
	return out, errs.Wrap("survey.List", rows.Err())
}

// Create validates and stores a new survey as a draft.
func Create(ctx context.Context, db *store.DB, workspaceID int64, actor string, s *Survey) error {
	if err := s.Validate(); err != nil {
		return err
	}
	s.Status, s.WorkspaceID = Draft, workspaceID
	if s.WebhookURL != "" && s.WebhookSecret == "" {
		s.WebhookSecret = randomToken(24)
	}
	questions, _ := json.Marshal(s.Questions)
	trigger, _ := json.Marshal(s.Trigger)
	err := db.InTx(ctx, func(tx *store.Tx) error {
		now := store.Millis(tx.Now)
		err := tx.QueryRow(ctx, `INSERT INTO surveys (workspace_id, name, template, status, touchpoint, questions,
			trigger_on, webhook_url, webhook_secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			workspaceID, s.Name, s.Template, string(s.Status), s.Touchpoint, string(questions), string(trigger),
			s.WebhookURL, s.WebhookSecret, now, now).Scan(&s.ID)
		if err != nil {
			return err
		}
		s.CreatedAt, s.UpdatedAt = tx.Now, tx.Now
		return audit.Record(ctx, tx, workspaceID, actor, "survey.create", fmt.Sprint("survey/", s.ID), map[string]any{"name": s.Name})
	})
	return errs.Wrap("survey.Create", err)
}

// Save stores changes to a survey. Questions that already have answers
// keep their kind, so old answers keep their meaning.
func Save(ctx context.Context, db *store.DB, actor string, s *Survey) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if s.WebhookURL != "" && s.WebhookSecret == "" {
		s.WebhookSecret = randomToken(24)
	}
	questions, _ := json.Marshal(s.Questions)
	trigger, _ := json.Marshal(s.Trigger)
	err := db.InTx(ctx, func(tx *store.Tx) error {
		if err := checkAnsweredKinds(ctx, tx, s); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE surveys SET name = ?, touchpoint = ?, questions = ?, trigger_on = ?, webhook_url = ?,
			webhook_secret = ?, updated_at = ? WHERE workspace_id = ? AND id = ?`, s.Name, s.Touchpoint, string(questions),
			string(trigger), s.WebhookURL, s.WebhookSecret, store.Millis(tx.Now), s.WorkspaceID, s.ID)
		if err != nil {
			return err
		}
		s.UpdatedAt = tx.Now
		return audit.Record(ctx, tx, s.WorkspaceID, actor, "survey.update", fmt.Sprint("survey/", s.ID), map[string]any{"name": s.Name})
	})
	return errs.Wrap("survey.Save", err)
}

func checkAnsweredKinds(ctx context.Context, tx *store.Tx, s *Survey) error {
	rows, err := tx.Query(ctx, `SELECT DISTINCT question, kind FROM survey_answers WHERE survey_id = ?`, s.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, kind string
		if err := rows.Scan(&id, &kind); err != nil {
			return err
		}
		if q, ok := s.Question(id); !ok || string(q.Kind) != kind {
			return errs.E("survey.Save", errs.Conflict, "question %q has answers as a %s question; keep it, or make a new survey", id, kind)
		}
	}
	return rows.Err()
}
