package comment

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// selectSQL reads analyses with their corrections; callers add WHERE.
const selectSQL = `SELECT c.id, c.workspace_id, c.source_kind, c.source_id, c.response_id, c.customer_id, c.touchpoint,
	c.channel, c.text, c.language, c.sentiment, c.score, c.aspects, c.topics, c.emotions, c.model_version,
	c.themes_version, COALESCE(k.label, ''), c.source_at, c.analysed_at
	FROM comment_analyses c LEFT JOIN comment_corrections k ON k.analysis_id = c.id `

type scanner interface{ Scan(...any) error }

func scanAnalysis(s scanner) (*Analysis, error) {
	a := &Analysis{}
	var resp, cust sql.NullInt64
	var aspects, topics, emotions []byte
	var written, analysed int64
	err := s.Scan(&a.ID, &a.WorkspaceID, &a.SourceKind, &a.SourceID, &resp, &cust, &a.Touchpoint, &a.Channel, &a.Text,
		&a.Language, &a.Sentiment, &a.Score, &aspects, &topics, &emotions, &a.ModelVersion, &a.ThemesVersion,
		&a.Correction, &written, &analysed)
	if err != nil {
		return nil, err
	}
	if resp.Valid {
		a.ResponseID = &resp.Int64
	}
	if cust.Valid {
		a.CustomerID = &cust.Int64
	}
	a.WrittenAt, a.AnalysedAt = store.Time(written), store.Time(analysed)
	for _, f := range []struct {
		raw []byte
		v   any
	}{{aspects, &a.Aspects}, {topics, &a.Topics}, {emotions, &a.Emotions}} {
		if err := json.Unmarshal(f.raw, f.v); err != nil {
			return nil, err
		}
	}
	return a, nil
}

func queryAnalyses(ctx context.Context, db *store.DB, where string, args ...any) ([]Analysis, error) {
	rows, err := db.Query(ctx, selectSQL+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Analysis{}
	for rows.Next() {
		a, err := scanAnalysis(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

// Get returns one analysis of the workspace.
func Get(ctx context.Context, db *store.DB, workspaceID, id int64) (*Analysis, error) {
	a, err := scanAnalysis(db.QueryRow(ctx, selectSQL+`WHERE c.id = ? AND c.workspace_id = ?`, id, workspaceID))
	if err != nil {
		return nil, errs.Wrap("comment.Get", notFound("comment.Get", id, err))
	}
	return a, nil
}

// ForResponse returns the analyses of a survey response's text answers,
// oldest answer first. The loop engine calls it when a response arrives:
// an empty list with no error means the comment is not read yet (the
// worker takes about a second) or the response has no comment.
func ForResponse(ctx context.Context, db *store.DB, responseID int64) ([]Analysis, error) {
	out, err := queryAnalyses(ctx, db, `WHERE c.response_id = ? ORDER BY c.source_id`, responseID)
	return out, errs.Wrap("comment.ForResponse", err)
}

// Since returns, across workspaces, up to limit analyses stored at or
// after the given time, oldest first. A rule engine polls it with the time
// of its last look minus a few seconds (rows do not commit in time order)
// and skips the analyses it already acted on, by id.
func Since(ctx context.Context, db *store.DB, since time.Time, limit int) ([]Analysis, error) {
	out, err := queryAnalyses(ctx, db, `WHERE c.analysed_at >= ? ORDER BY c.analysed_at, c.id LIMIT ?`,
		store.Millis(since), limit)
	return out, errs.Wrap("comment.Since", err)
}
