package comment

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// analysed is an item with what the analyser read in it.
type analysed struct {
	item
	res textan.Result
	v   Versions
}

// upsertSQL stores an analysis once per source. A second node that read
// the same comment finds the row there and changes nothing; an answer the
// customer edited (a later answered_at) replaces its older analysis.
const upsertSQL = `INSERT INTO comment_analyses (workspace_id, source_kind, source_id, response_id, customer_id,
	touchpoint, channel, text, language, sentiment, score, aspects, topics, emotions, model_version, themes_version,
	source_at, analysed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (source_kind, source_id) DO UPDATE SET text = excluded.text, language = excluded.language,
	sentiment = excluded.sentiment, score = excluded.score, aspects = excluded.aspects, topics = excluded.topics,
	emotions = excluded.emotions, model_version = excluded.model_version, themes_version = excluded.themes_version,
	source_at = excluded.source_at, analysed_at = excluded.analysed_at
	WHERE comment_analyses.source_at < excluded.source_at RETURNING id`

// storeBatch writes a batch of analyses in one transaction and returns how
// many it stored (others were stored first by another node).
func storeBatch(ctx context.Context, db *store.DB, batch []analysed) (int, error) {
	stored := 0
	err := db.InTx(ctx, func(tx *store.Tx) error {
		stored = 0
		for i := range batch {
			ok, err := storeOne(ctx, tx, &batch[i])
			if err != nil {
				return err
			}
			if ok {
				stored++
			}
		}
		return nil
	})
	return stored, err
}

func storeOne(ctx context.Context, tx *store.Tx, a *analysed) (bool, error) {
	text := clean(a.text, MaxStored)
	if a.kind == FromAnswer {
		// An edited answer's old correction labelled words no longer there.
		if _, err := tx.Exec(ctx, `DELETE FROM comment_corrections WHERE analysis_id IN (SELECT id FROM comment_analyses
			WHERE source_kind = ? AND source_id = ? AND text <> ?)`, a.kind, a.id, text); err != nil {
			return false, err
		}
	}
	var id int64
	err := tx.QueryRow(ctx, upsertSQL, a.workspaceID, a.kind, a.id, a.responseID, a.customerID, a.touchpoint,
		a.channel, text, a.res.Language, a.res.Sentiment, a.res.Score, mustJSON(a.res.Aspects), mustJSON(a.res.Topics),
		mustJSON(a.res.Emotions), a.v.Model, a.v.Themes, a.at, store.Millis(tx.Now)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, writeTopics(ctx, tx, id, a, a.kind == FromAnswer)
}

// writeTopics replaces the analysis's rows in comment_topics, in one
// statement. A topic sits at the comment's touchpoint, or its theme's when
// the comment has none. replace clears the rows of an earlier reading: an
// edited answer or a Reanalyse (events do not change, so their first
// reading has nothing to replace).
func writeTopics(ctx context.Context, tx *store.Tx, id int64, a *analysed, replace bool) error {
	if replace {
		if _, err := tx.Exec(ctx, `DELETE FROM comment_topics WHERE analysis_id = ?`, id); err != nil {
			return err
		}
	}
	if len(a.res.Topics) == 0 {
		return nil
	}
	var q strings.Builder
	q.WriteString(`INSERT INTO comment_topics (analysis_id, theme, workspace_id, touchpoint, sentiment, score, source_at) VALUES `)
	args := make([]any, 0, 7*len(a.res.Topics))
	for i, t := range a.res.Topics {
		tp := a.touchpoint
		if tp == "" {
			tp = t.Touchpoint
		}
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?, ?, ?, ?, ?)")
		args = append(args, id, t.ID, a.workspaceID, tp, t.Sentiment, t.Score, a.at)
	}
	_, err := tx.Exec(ctx, q.String(), args...)
	return err
}
