// Package comment reads what customers write wherever they write it — a
// survey's text answer, a ticket, a review, a social mention — with
// textan, and owns the SQL of it: each workspace's themes and learned
// model, one analysis per comment, agents' corrections, and the worker
// that analyses new comments within a second of their arrival.
//
// Other domains read analyses through the database and the small
// functions here (ForResponse, Since, List); none of them is imported.
package comment

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// Source kinds: where a comment was written.
const (
	FromAnswer = "answer" // a survey text answer (survey_answers.id)
	FromEvent  = "event"  // an event whose properties carry text (events.id)
)

// Limits on what is stored and analysed.
const (
	// MaxStored bounds the copy of a comment kept with its analysis, in
	// characters; the source row keeps the whole text.
	MaxStored = 4000
	// MaxAnalysed bounds the bytes of one text that are analysed, so a
	// pasted document costs what a long comment does.
	MaxAnalysed = 100 << 10
)

// Analysis is what was read in one comment.
type Analysis struct {
	ID            int64           `json:"id"`
	WorkspaceID   int64           `json:"-"`
	SourceKind    string          `json:"source_kind"`
	SourceID      int64           `json:"source_id"`
	ResponseID    *int64          `json:"response_id,omitempty"`
	CustomerID    *int64          `json:"customer_id,omitempty"`
	Touchpoint    string          `json:"touchpoint"`
	Channel       string          `json:"channel"`
	Text          string          `json:"text"`
	Language      string          `json:"language"`
	Sentiment     string          `json:"sentiment"`
	Score         float64         `json:"score"`
	Aspects       []textan.Aspect `json:"aspects"`
	Topics        []textan.Topic  `json:"topics"`
	Emotions      []string        `json:"emotions"`
	ModelVersion  int             `json:"model_version"`
	ThemesVersion int             `json:"themes_version"`
	Correction    string          `json:"correction,omitempty"` // an agent's label, if any
	WrittenAt     time.Time       `json:"written_at"`
	AnalysedAt    time.Time       `json:"analysed_at"`
}

// Label is the label to trust: the agent's correction when there is one.
func (a *Analysis) Label() string {
	if a.Correction != "" {
		return a.Correction
	}
	return a.Sentiment
}

// HasEmotion reports whether the comment carries the emotion tag, e.g.
// "anger"; loop rules use it to open a case for an angry comment.
func (a *Analysis) HasEmotion(tag string) bool {
	for _, e := range a.Emotions {
		if e == tag {
			return true
		}
	}
	return false
}

// clean makes text safe to store on both engines: valid UTF-8 without NUL
// (PostgreSQL refuses both), cut to max characters. ZWNJ and emoji stay.
func clean(s string, max int) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\x00", "")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i]
		}
		n++
	}
	return s
}

// forAnalysis cuts text to MaxAnalysed bytes on a character boundary.
func forAnalysis(s string) string {
	if len(s) <= MaxAnalysed {
		return s
	}
	cut := MaxAnalysed
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// mustJSON encodes the slices of a result; they cannot fail to encode.
func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// notFound turns "no rows" into a NotExist error naming the comment.
func notFound(op string, id int64, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(op, errs.NotExist, "comment %d does not exist in this workspace", id)
	}
	return err
}
