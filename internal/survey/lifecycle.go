package survey

import (
	"context"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Publish opens a survey to responses and gives it a public link.
func Publish(ctx context.Context, db *store.DB, workspaceID int64, actor string, id int64) (*Survey, error) {
	s, err := Get(ctx, db, workspaceID, id)
	if err != nil {
		return nil, err
	}
	slug := s.PublicSlug
	if slug == "" {
		slug = randomSlug()
	}
	err = db.InTx(ctx, func(tx *store.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE surveys SET status = 'published', public_slug = ?, updated_at = ?,
			published_at = COALESCE(published_at, ?) WHERE workspace_id = ? AND id = ?`,
			slug, store.Millis(tx.Now), store.Millis(tx.Now), workspaceID, id)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, workspaceID, actor, "survey.publish", fmt.Sprint("survey/", id), nil)
	})
	if err != nil {
		return nil, errs.Wrap("survey.Publish", err)
	}
	return Get(ctx, db, workspaceID, id)
}

// Close stops a survey taking responses; what it has is kept.
func Close(ctx context.Context, db *store.DB, workspaceID int64, actor string, id int64) error {
	return setStatus(ctx, db, workspaceID, actor, id, Closed)
}

func setStatus(ctx context.Context, db *store.DB, workspaceID int64, actor string, id int64, st Status) error {
	err := db.InTx(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE surveys SET status = ?, updated_at = ? WHERE workspace_id = ? AND id = ?`,
			string(st), store.Millis(tx.Now), workspaceID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("survey.setStatus", id)
		}
		return audit.Record(ctx, tx, workspaceID, actor, "survey."+string(st), fmt.Sprint("survey/", id), nil)
	})
	return errs.Wrap("survey.setStatus", err)
}

// Delete removes a survey that has no responses; one with responses is
// closed instead, so no feedback is ever lost by a click.
func Delete(ctx context.Context, db *store.DB, workspaceID int64, actor string, id int64) error {
	err := db.InTx(ctx, func(tx *store.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM survey_responses WHERE survey_id = ? AND workspace_id = ?`, id, workspaceID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errs.E("survey.Delete", errs.Conflict, "survey %d has %d responses; close it instead of deleting it", id, n)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM survey_invitations WHERE survey_id = ? AND workspace_id = ?`, id, workspaceID); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `DELETE FROM surveys WHERE workspace_id = ? AND id = ?`, workspaceID, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("survey.Delete", id)
		}
		return audit.Record(ctx, tx, workspaceID, actor, "survey.delete", fmt.Sprint("survey/", id), nil)
	})
	return errs.Wrap("survey.Delete", err)
}
