package textan

// Sentiment labels.
const (
	Positive = "positive"
	Neutral  = "neutral"
	Negative = "negative"
)

// Result is what Analyze finds in one text. Slices are empty, never nil,
// so every JSON line has the same shape.
type Result struct {
	Language  string   `json:"language"`  // "fa", "en", "mixed" or "" when there are no letters
	Sentiment string   `json:"sentiment"` // positive, neutral or negative
	Score     float64  `json:"score"`     // -1 (most negative) … 1 (most positive)
	Aspects   []Aspect `json:"aspects"`
	Topics    []Topic  `json:"topics"`
	Emotions  []string `json:"emotions"`
}

// Aspect is one theme mentioned in one part of a comment, with the
// sentiment of that part: "the food was great but the delivery was late"
// gives taste positive and delivery negative.
type Aspect struct {
	Theme     string  `json:"theme"` // Theme.ID
	Term      string  `json:"term"`  // the canonical word that named it
	Sentiment string  `json:"sentiment"`
	Score     float64 `json:"score"`
	seg       int32   // aspect span, to keep one aspect per theme per span
}

// Topic is one theme of the workspace found in a comment, with the
// sentiment of all its mentions together.
type Topic struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"` // in the comment's language
	Touchpoint string  `json:"touchpoint,omitempty"`
	Sentiment  string  `json:"sentiment"`
	Score      float64 `json:"score"`
	Mentions   int     `json:"mentions"`
}

// label turns a score into a sentiment label; the dead band around zero is
// where mild or balanced comments fall.
func label(score, band float64) string {
	switch {
	case score >= band:
		return Positive
	case score <= -band:
		return Negative
	}
	return Neutral
}
