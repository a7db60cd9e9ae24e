package web

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/loop"
)

// caseTable is a list of cases as the inbox and the touchpoint page show
// it: owners by name and each case's next deadline.
type caseTable struct {
	V     *View
	Rows  []caseRow
	Empty string // the message key shown when there are no cases
}

type caseRow struct {
	*loop.Case
	Owner   string
	Due     time.Time // the next deadline: first response, then resolution
	Overdue bool
}

// caseTable names the owners of cases and works out their deadlines.
func (c *Console) caseTable(ctx context.Context, v *View, cases []*loop.Case) (caseTable, error) {
	t := caseTable{V: v, Empty: "console.cases.none"}
	names, err := c.memberNames(ctx, v.Workspace.ID)
	if err != nil {
		return t, err
	}
	now := c.db.Now()
	for _, cs := range cases {
		row := caseRow{Case: cs, Due: cs.ResolutionDue}
		if cs.OwnerID != nil {
			row.Owner = names[*cs.OwnerID]
		}
		if cs.FirstResponseAt == nil {
			row.Due = cs.FirstResponseDue
		}
		row.Overdue = openCase(cs) && now.After(row.Due)
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

// openCase reports whether a case still waits on the team.
func openCase(cs *loop.Case) bool { return cs.Status != loop.Resolved && cs.Status != loop.Closed }

// memberNames maps the workspace's members to their names, or e-mails.
func (c *Console) memberNames(ctx context.Context, ws int64) (map[int64]string, error) {
	ms, err := auth.Members(ctx, c.db, ws)
	names := make(map[int64]string, len(ms))
	for _, m := range ms {
		names[m.User.ID] = memberName(m)
	}
	return names, err
}

func memberName(m auth.Membership) string {
	if m.User.Name != "" {
		return m.User.Name
	}
	return m.User.Email
}
