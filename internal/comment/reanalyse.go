package comment

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Reanalyse reads every analysed comment of the workspace again with its
// current model and themes, for instance after Learn, and returns how
// many it updated. It reads the stored copy of each text (MaxStored
// characters); agents' corrections stay.
func Reanalyse(ctx context.Context, db *store.DB, workspaceID int64) (int, error) {
	const op = "comment.Reanalyse"
	r := newRunner(db, nil, 500)
	total := int64(0)
	for after := int64(0); ; {
		items, ids, err := storedItems(ctx, db, workspaceID, after, r.batch)
		if err != nil || len(items) == 0 {
			return int(total), errs.Wrap(op, err)
		}
		done, err := r.analyse(ctx, items)
		if err != nil {
			return int(total), errs.Wrap(op, err)
		}
		if err := db.InTx(ctx, func(tx *store.Tx) error { return updateAll(ctx, tx, ids, done) }); err != nil {
			return int(total), errs.Wrap(op, err)
		}
		total, after = total+int64(len(done)), ids[len(ids)-1]
	}
}

// storedItems reads a page of the workspace's analyses as items to read
// again, with their analysis ids.
func storedItems(ctx context.Context, db *store.DB, workspaceID, after int64, limit int) ([]item, []int64, error) {
	rows, err := db.Query(ctx, `SELECT id, source_kind, source_id, workspace_id, response_id, customer_id, touchpoint, channel,
		text, source_at FROM comment_analyses WHERE workspace_id = ? AND id > ? ORDER BY id LIMIT ?`, workspaceID, after, limit)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var items []item
	var ids []int64
	for rows.Next() {
		var it item
		var id int64
		if err := rows.Scan(&id, &it.kind, &it.id, &it.workspaceID, &it.responseID, &it.customerID, &it.touchpoint,
			&it.channel, &it.text, &it.at); err != nil {
			return nil, nil, err
		}
		items, ids = append(items, it), append(ids, id)
	}
	return items, ids, rows.Err()
}

func updateAll(ctx context.Context, tx *store.Tx, ids []int64, done []analysed) error {
	for i := range done {
		a := &done[i]
		if _, err := tx.Exec(ctx, `UPDATE comment_analyses SET language = ?, sentiment = ?, score = ?, aspects = ?, topics = ?,
			emotions = ?, model_version = ?, themes_version = ?, analysed_at = ? WHERE id = ?`,
			a.res.Language, a.res.Sentiment, a.res.Score, mustJSON(a.res.Aspects), mustJSON(a.res.Topics),
			mustJSON(a.res.Emotions), a.v.Model, a.v.Themes, store.Millis(tx.Now), ids[i]); err != nil {
			return err
		}
		if err := writeTopics(ctx, tx, ids[i], a, true); err != nil {
			return err
		}
	}
	return nil
}

// PickWorkspace finds a workspace by id or slug, as a person types it.
func PickWorkspace(ctx context.Context, db *store.DB, ref string) (int64, error) {
	var id int64
	err := db.QueryRow(ctx, `SELECT id FROM workspaces WHERE slug = ? OR CAST(id AS TEXT) = ?`, ref, ref).Scan(&id)
	if err != nil {
		if errs.Is(notFound("", 0, err), errs.NotExist) {
			return 0, errs.Field("comment.PickWorkspace", "workspace", "no workspace has the id or slug %q", ref)
		}
		return 0, errs.Wrap("comment.PickWorkspace", err)
	}
	return id, nil
}
