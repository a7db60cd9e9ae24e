package comment

import (
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

// TimelineSource puts each analysed comment on the customer's timeline at
// the moment it was written, titled comment.positive|neutral|negative (an
// agent's correction wins), with the words themselves, their themes and
// emotions. The response and event entries beside it say what happened;
// this one says what the customer felt about it, in their words.
func TimelineSource(d store.Dialect) timeline.Source {
	obj, js := "json_object", "json"
	if d == store.Postgres {
		obj, js = "json_build_object", ""
	}
	return timeline.Source{Kind: "comment", At: "c.source_at", Query: `SELECT c.id, c.source_at,
		'comment.' || COALESCE(k.label, c.sentiment), c.touchpoint, c.channel,
		CASE WHEN k.label IS NOT NULL THEN CASE k.label WHEN 'negative' THEN -1 WHEN 'positive' THEN 1 ELSE 0 END
			WHEN c.score <= -0.6 THEN -2 WHEN c.sentiment = 'negative' THEN -1
			WHEN c.score >= 0.6 THEN 2 WHEN c.sentiment = 'positive' THEN 1 ELSE 0 END,
		` + obj + `('text', c.text, 'language', c.language, 'score', c.score, 'topics', ` + js + `(c.topics),
			'emotions', ` + js + `(c.emotions), 'source_kind', c.source_kind, 'source_id', c.source_id,
			'response_id', c.response_id, 'correction', k.label)
		FROM comment_analyses c LEFT JOIN comment_corrections k ON k.analysis_id = c.id
		WHERE c.customer_id IN (%[1]s) AND %[2]s ORDER BY c.source_at DESC, c.id DESC LIMIT ?`}
}
