package web

import (
	"context"

	"github.com/tajrobe/tajrobe/internal/comment"
)

// themeRow is how customers spoke of one theme: its name in the viewer's
// language and the comments by sentiment.
type themeRow struct {
	comment.ThemeCount
	Name string
}

// themeRows counts the themes of comments written at a touchpoint in the
// last days, most mentioned first, named from the workspace's theme set.
func (c *Console) themeRows(ctx context.Context, v *View, touchpoint string, days int) ([]themeRow, error) {
	counts, err := comment.ThemesByTouchpoint(ctx, c.db, v.Workspace.ID, c.since(days), c.db.Now())
	if err != nil {
		return nil, err
	}
	set, err := comment.Themes(ctx, c.db, v.Workspace.ID)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, t := range set.Themes {
		names[t.ID] = v.Named(t.NameFa, t.NameEn)
	}
	var out []themeRow
	for _, tc := range counts {
		if tc.Touchpoint == touchpoint {
			out = append(out, themeRow{ThemeCount: tc, Name: names[tc.Theme]})
		}
	}
	return out, nil
}
