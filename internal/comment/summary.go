package comment

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// ThemeCount is how customers spoke of one theme at one touchpoint.
type ThemeCount struct {
	Theme      string  `json:"theme"`
	Touchpoint string  `json:"touchpoint"`
	Positive   int     `json:"positive"`
	Neutral    int     `json:"neutral"`
	Negative   int     `json:"negative"`
	MeanScore  float64 `json:"mean_score"`
}

// ThemesByTouchpoint counts the workspace's comments written in [from, to)
// by theme, touchpoint and sentiment, most mentioned first: what analytics
// shows as "themes per touchpoint".
func ThemesByTouchpoint(ctx context.Context, db *store.DB, workspaceID int64, from, to time.Time) ([]ThemeCount, error) {
	rows, err := db.Query(ctx, `SELECT theme, touchpoint,
		SUM(CASE WHEN sentiment = 'positive' THEN 1 ELSE 0 END), SUM(CASE WHEN sentiment = 'neutral' THEN 1 ELSE 0 END),
		SUM(CASE WHEN sentiment = 'negative' THEN 1 ELSE 0 END), AVG(score)
		FROM comment_topics WHERE workspace_id = ? AND source_at >= ? AND source_at < ?
		GROUP BY theme, touchpoint ORDER BY COUNT(*) DESC, theme, touchpoint`,
		workspaceID, store.Millis(from), store.Millis(to))
	if err != nil {
		return nil, errs.Wrap("comment.ThemesByTouchpoint", err)
	}
	defer rows.Close()
	out := []ThemeCount{}
	for rows.Next() {
		var c ThemeCount
		if err := rows.Scan(&c.Theme, &c.Touchpoint, &c.Positive, &c.Neutral, &c.Negative, &c.MeanScore); err != nil {
			return nil, errs.Wrap("comment.ThemesByTouchpoint", err)
		}
		out = append(out, c)
	}
	return out, errs.Wrap("comment.ThemesByTouchpoint", rows.Err())
}
