package demo

import (
	"context"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/store"
)

// readComments does at load time what a running server's worker does:
// it analyses every demo comment, learns each workspace's model from its
// scored comments, and reads the comments again with that model, so the
// demo opens on analysed comments and learned models.
func readComments(ctx context.Context, db *store.DB, spaces []Workspace) error {
	if _, err := comment.CatchUp(ctx, db); err != nil {
		return fmt.Errorf("demo comments: %w", err)
	}
	for _, w := range spaces {
		res, err := comment.Learn(ctx, db, w.WorkspaceID)
		if err != nil {
			return fmt.Errorf("demo comments of %s: %w", w.Name, err)
		}
		if !res.Learned {
			continue // a data set scaled down to a few responses may lack one kind
		}
		if _, err := comment.Reanalyse(ctx, db, w.WorkspaceID); err != nil {
			return fmt.Errorf("demo comments of %s: %w", w.Name, err)
		}
	}
	return nil
}
