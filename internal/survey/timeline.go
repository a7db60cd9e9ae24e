package survey

import (
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

// TimelineSource puts survey responses on the customer's timeline, with
// the headline score as the signal.
func TimelineSource(d store.Dialect) timeline.Source {
	obj := "json_object"
	if d == store.Postgres {
		obj = "json_build_object"
	}
	return timeline.Source{Kind: "response", At: "updated_at", Query: `SELECT id, updated_at,
		'survey.' || status, touchpoint, channel, signal,
		` + obj + `('survey_id', survey_id, 'response_id', id, 'metric', metric, 'score', score)
		FROM survey_responses WHERE customer_id IN (%[1]s) AND %[2]s ORDER BY updated_at DESC, id DESC LIMIT ?`}
}
