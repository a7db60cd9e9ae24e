package analytics

import (
	"context"
	"sort"

	"github.com/tajrobe/tajrobe/internal/comment"
)

// ThemeMention is a theme customers wrote about at a touchpoint.
type ThemeMention struct {
	Theme    string `json:"theme"`
	Negative int    `json:"negative"`
	Mentions int    `json:"mentions"`
}

// topNegativeThemes returns, per touchpoint, the three themes with the most
// negative mentions in the period, from the analysed comments.
func (q *Querier) topNegativeThemes(ctx context.Context, f Filter) (map[string][]ThemeMention, error) {
	counts, err := comment.ThemesByTouchpoint(ctx, q.db, q.ws, f.From, f.To)
	if err != nil {
		return nil, err
	}
	out := map[string][]ThemeMention{}
	for _, c := range counts {
		if c.Negative > 0 {
			out[c.Touchpoint] = append(out[c.Touchpoint], ThemeMention{Theme: c.Theme, Negative: c.Negative,
				Mentions: c.Positive + c.Neutral + c.Negative})
		}
	}
	for tp, list := range out {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Negative > list[j].Negative })
		out[tp] = list[:min(3, len(list))]
	}
	return out, nil
}
