package comment

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// Filter selects analyses for analytics and search. Zero fields match all.
type Filter struct {
	Touchpoint string
	Sentiment  string // positive, neutral or negative (an agent's correction wins)
	Theme      string // a theme id
	CustomerID int64
	Source     string    // answer or event
	From, To   time.Time // when the comment was written: From ≤ t < To
	Query      string    // words the comment contains, as written
	Cursor     string
	Limit      int
}

// MaxList bounds one page of List.
const MaxList = 200

// List returns one page of the workspace's analyses, newest comment first,
// and the cursor of the next page ("" at the end).
func List(ctx context.Context, db *store.DB, workspaceID int64, f Filter) ([]Analysis, string, error) {
	const op = "comment.List"
	where, args, err := f.where(db.Dialect, workspaceID)
	if err != nil {
		return nil, "", err
	}
	limit := f.Limit
	if limit <= 0 || limit > MaxList {
		limit = 50
	}
	out, err := queryAnalyses(ctx, db, where+` ORDER BY c.source_at DESC, c.id DESC LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return nil, "", errs.Wrap(op, err)
	}
	if len(out) <= limit {
		return out, "", nil
	}
	last := out[limit-1]
	next := fmt.Sprintf("%d|%d", store.Millis(last.WrittenAt), last.ID)
	return out[:limit], base64.RawURLEncoding.EncodeToString([]byte(next)), nil
}

func (f *Filter) where(d store.Dialect, workspaceID int64) (string, []any, error) {
	const op = "comment.List"
	var b strings.Builder
	b.WriteString("WHERE c.workspace_id = ?")
	args := []any{workspaceID}
	add := func(cond string, v ...any) { b.WriteString(" AND " + cond); args = append(args, v...) }
	if f.Touchpoint != "" {
		add("c.touchpoint = ?", f.Touchpoint)
	}
	switch f.Sentiment {
	case "":
	case textan.Positive, textan.Neutral, textan.Negative:
		add("COALESCE(k.label, c.sentiment) = ?", f.Sentiment)
	default:
		return "", nil, errs.Field(op, "sentiment", "sentiment is positive, neutral or negative, not %q", f.Sentiment)
	}
	switch f.Source {
	case "":
	case FromAnswer, FromEvent:
		add("c.source_kind = ?", f.Source)
	default:
		return "", nil, errs.Field(op, "source", "source is answer or event, not %q", f.Source)
	}
	if f.Theme != "" {
		add("EXISTS (SELECT 1 FROM comment_topics t WHERE t.analysis_id = c.id AND t.theme = ?)", f.Theme)
	}
	if f.CustomerID != 0 {
		add("c.customer_id = ?", f.CustomerID)
	}
	if !f.From.IsZero() {
		add("c.source_at >= ?", store.Millis(f.From))
	}
	if !f.To.IsZero() {
		add("c.source_at < ?", store.Millis(f.To))
	}
	if f.Query != "" {
		like := "LIKE"
		if d == store.Postgres {
			like = "ILIKE"
		}
		add("c.text "+like+" ? ESCAPE '\\'", "%"+escapeLike(f.Query)+"%")
	}
	if f.Cursor != "" {
		at, id, err := parseCursor(f.Cursor)
		if err != nil {
			return "", nil, err
		}
		add("(c.source_at < ? OR (c.source_at = ? AND c.id < ?))", at, at, id)
	}
	return b.String(), args, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func parseCursor(s string) (at, id int64, err error) {
	bad := errs.Field("comment.List", "cursor", "the cursor is not one this server gave out")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, 0, bad
	}
	a, b, ok := strings.Cut(string(raw), "|")
	at, err1 := strconv.ParseInt(a, 10, 64)
	id, err2 := strconv.ParseInt(b, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, bad
	}
	return at, id, nil
}
