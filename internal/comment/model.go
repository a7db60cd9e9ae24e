package comment

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// ModelInfo describes a workspace's learned model. Version 0 is the cold
// start: the lexicons alone.
type ModelInfo struct {
	Version   int       `json:"version"`
	Samples   float64   `json:"samples"` // weighted: a correction counts textan.StrongWeight times
	Features  int       `json:"features"`
	TrainedAt time.Time `json:"trained_at"`
}

// LoadModel returns the workspace's learned model, or nil and version 0
// when it has none yet.
func LoadModel(ctx context.Context, db *store.DB, workspaceID int64) (*textan.Model, ModelInfo, error) {
	const op = "comment.LoadModel"
	var info ModelInfo
	var blob []byte
	var trained int64
	err := db.QueryRow(ctx, `SELECT model, version, samples, features, trained_at FROM comment_models WHERE workspace_id = ?`,
		workspaceID).Scan(&blob, &info.Version, &info.Samples, &info.Features, &trained)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && blob == nil) {
		return nil, ModelInfo{}, nil
	}
	if err != nil {
		return nil, info, errs.Wrap(op, err)
	}
	info.TrainedAt = store.Time(trained)
	m := new(textan.Model)
	if err := m.UnmarshalBinary(blob); err != nil {
		return nil, info, errs.Wrap(op, err)
	}
	return m, info, nil
}

// saveModel stores m as the workspace's next model version.
func saveModel(ctx context.Context, tx *store.Tx, workspaceID int64, m *textan.Model) (ModelInfo, error) {
	blob, err := m.MarshalBinary()
	if err != nil {
		return ModelInfo{}, err
	}
	info := ModelInfo{Samples: m.Samples(), Features: m.Features(), TrainedAt: tx.Now}
	err = tx.QueryRow(ctx, `INSERT INTO comment_models (workspace_id, model, version, samples, features, trained_at)
		VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET model = excluded.model,
		version = comment_models.version + 1, samples = excluded.samples, features = excluded.features,
		trained_at = excluded.trained_at RETURNING version`,
		workspaceID, blob, info.Samples, info.Features, store.Millis(tx.Now)).Scan(&info.Version)
	return info, err
}

// Analyzer builds the analyser of a workspace: its themes and its learned
// model. It also returns the versions an analysis made with it records.
func Analyzer(ctx context.Context, db *store.DB, workspaceID int64) (*textan.Analyzer, Versions, error) {
	set, err := Themes(ctx, db, workspaceID)
	if err != nil {
		return nil, Versions{}, err
	}
	m, info, err := LoadModel(ctx, db, workspaceID)
	if err != nil {
		return nil, Versions{}, err
	}
	return textan.NewAnalyzer(set.Themes, m), Versions{Model: info.Version, Themes: set.Version}, nil
}

// Versions name what an analyser was built from.
type Versions struct {
	Model  int `json:"model_version"`
	Themes int `json:"themes_version"`
}

// currentVersions reads the workspace's model and theme versions, cheaply,
// so a cached analyser is rebuilt only when one of them moved.
func currentVersions(ctx context.Context, db *store.DB, workspaceID int64) (Versions, error) {
	var v Versions
	err := db.QueryRow(ctx, `SELECT COALESCE((SELECT version FROM comment_models WHERE workspace_id = ? AND model IS NOT NULL), 0),
		COALESCE((SELECT version FROM comment_themes WHERE workspace_id = ?), 0)`, workspaceID, workspaceID).Scan(&v.Model, &v.Themes)
	return v, err
}
