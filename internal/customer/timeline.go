package customer

import (
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

// TimelineSources are the customer's own contributions to the timeline:
// consent decisions and merges.
func TimelineSources(d store.Dialect) []timeline.Source {
	obj := "json_object"
	if d == store.Postgres {
		obj = "json_build_object"
	}
	return []timeline.Source{
		{Kind: "consent", At: "at", Query: `SELECT id, at,
			CASE WHEN granted THEN 'consent.granted' ELSE 'consent.withdrawn' END, '', channel, NULL,
			` + obj + `('source', source, 'note', note)
			FROM consents WHERE customer_id IN (%[1]s) AND %[2]s ORDER BY at DESC, id DESC LIMIT ?`},
		{Kind: "merge", At: "at", Query: `SELECT id, at, 'customer.merged', '', '', NULL,
			` + obj + `('into_id', into_id, 'from_id', from_id, 'actor', actor, 'undone_at', undone_at)
			FROM merges WHERE into_id IN (%[1]s) AND %[2]s ORDER BY at DESC, id DESC LIMIT ?`},
	}
}
