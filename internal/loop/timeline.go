package loop

import (
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

// TimelineSource puts cases on the customer's timeline when they opened,
// titled by their current status.
func TimelineSource(d store.Dialect) timeline.Source {
	obj := "json_object"
	if d == store.Postgres {
		obj = "json_build_object"
	}
	return timeline.Source{Kind: "case", At: "created_at", Query: `SELECT id, created_at, 'case.' || status, touchpoint, channel, NULL,
		` + obj + `('case_id', id, 'reason', reason, 'status', status, 'root_cause', root_cause)
		FROM cases WHERE customer_id IN (%[1]s) AND %[2]s ORDER BY created_at DESC, id DESC LIMIT ?`}
}
