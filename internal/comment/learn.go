package comment

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// LearnResult says what a workspace's model was learned from.
type LearnResult struct {
	ModelInfo
	Learned  bool `json:"learned"` // false: too few labels of one kind; the model did not change
	Positive int  `json:"positive"`
	Negative int  `json:"negative"`
	Strong   int  `json:"strong"` // agents' corrections among them
}

// Learn rebuilds the workspace's model from its labelled comments and
// stores it as the next version: survey comments labelled by the same
// response's NPS (0–6 negative, 9–10 positive) or CSAT (1–2, 5), event
// texts by a 1–5 "rating" property, and agents' corrections, which count
// textan.StrongWeight times and win over the score's label.
func Learn(ctx context.Context, db *store.DB, workspaceID int64) (LearnResult, error) {
	const op = "comment.Learn"
	samples, err := Samples(ctx, db, workspaceID)
	if err != nil {
		return LearnResult{}, errs.Wrap(op, err)
	}
	var res LearnResult
	for _, s := range samples {
		switch {
		case s.Label == textan.Positive:
			res.Positive++
		case s.Label == textan.Negative:
			res.Negative++
		}
		if s.Strong && s.Label != textan.Neutral {
			res.Strong++
		}
	}
	m := textan.Learn(samples)
	if m == nil {
		return res, nil
	}
	err = db.InTx(ctx, func(tx *store.Tx) error {
		res.ModelInfo, err = saveModel(ctx, tx, workspaceID, m)
		return err
	})
	res.Learned = err == nil
	return res, errs.Wrap(op, err)
}

// Samples gathers the workspace's labelled comments for textan.Learn.
func Samples(ctx context.Context, db *store.DB, workspaceID int64) ([]textan.Sample, error) {
	out, strong, err := corrections(ctx, db, workspaceID)
	if err != nil {
		return nil, err
	}
	weak, err := answerSamples(ctx, db, workspaceID, strong)
	if err != nil {
		return nil, err
	}
	events, err := eventSamples(ctx, db, workspaceID, strong)
	if err != nil {
		return nil, err
	}
	return append(append(out, weak...), events...), nil
}

// sourceKey names a comment's source, to let a correction replace the
// label its score gave.
type sourceKey struct {
	kind string
	id   int64
}

func corrections(ctx context.Context, db *store.DB, workspaceID int64) ([]textan.Sample, map[sourceKey]bool, error) {
	rows, err := db.Query(ctx, `SELECT c.source_kind, c.source_id, c.text, k.label FROM comment_corrections k
		JOIN comment_analyses c ON c.id = k.analysis_id WHERE k.workspace_id = ? ORDER BY c.id`, workspaceID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []textan.Sample
	seen := map[sourceKey]bool{}
	for rows.Next() {
		var k sourceKey
		s := textan.Sample{Strong: true}
		if err := rows.Scan(&k.kind, &k.id, &s.Text, &s.Label); err != nil {
			return nil, nil, err
		}
		out, seen[k] = append(out, s), true
	}
	return out, seen, rows.Err()
}

// answerSamples labels each text answer by a score in the same response,
// NPS before CSAT when a response has both.
func answerSamples(ctx context.Context, db *store.DB, workspaceID int64, skip map[sourceKey]bool) ([]textan.Sample, error) {
	rows, err := db.Query(ctx, `SELECT a.id, a.text, s.kind, s.score FROM survey_answers a
		JOIN survey_answers s ON s.response_id = a.response_id AND s.kind IN ('nps', 'csat') AND s.score IS NOT NULL
		WHERE a.workspace_id = ? AND a.text <> '' ORDER BY a.id, s.kind DESC`, workspaceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []textan.Sample
	last := int64(0)
	for rows.Next() {
		var id int64
		var text, kind string
		var score int
		if err := rows.Scan(&id, &text, &kind, &score); err != nil {
			return nil, err
		}
		if skip[sourceKey{FromAnswer, id}] || id == last {
			continue
		}
		last = id
		label := textan.CSATLabel(score)
		if kind == "nps" {
			label = textan.NPSLabel(score)
		}
		out = append(out, textan.Sample{Text: text, Label: label})
	}
	return out, rows.Err()
}

// eventSamples labels analysed event texts by their 1–5 rating property.
func eventSamples(ctx context.Context, db *store.DB, workspaceID int64, skip map[sourceKey]bool) ([]textan.Sample, error) {
	rating := `json_extract(e.properties, '$.rating')`
	if db.Dialect == store.Postgres {
		rating = `e.properties ->> 'rating'`
	}
	rows, err := db.Query(ctx, `SELECT c.source_id, c.text, `+rating+` FROM comment_analyses c
		JOIN events e ON e.id = c.source_id WHERE c.workspace_id = ? AND c.source_kind = 'event'
		AND `+rating+` IS NOT NULL ORDER BY c.id`, workspaceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []textan.Sample
	for rows.Next() {
		var id int64
		var text string
		var raw sql.NullString
		if err := rows.Scan(&id, &text, &raw); err != nil {
			return nil, err
		}
		stars, err := strconv.ParseFloat(raw.String, 64)
		if skip[sourceKey{FromEvent, id}] || err != nil || stars != float64(int(stars)) {
			continue
		}
		out = append(out, textan.Sample{Text: text, Label: textan.CSATLabel(int(stars))})
	}
	return out, rows.Err()
}
