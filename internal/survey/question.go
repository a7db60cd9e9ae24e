package survey

import (
	"regexp"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Kind is the kind of a question: what it asks and which answers it takes.
type Kind string

// The question kinds.
const (
	NPS      Kind = "nps"      // likelihood to recommend, 0–10
	CSAT     Kind = "csat"     // satisfaction, 1–5
	CES      Kind = "ces"      // CES 2.0 agreement that it was easy, 1–7
	Rating   Kind = "rating"   // 1–Scale stars or points
	Single   Kind = "single"   // one option
	Multiple Kind = "multiple" // any number of options
	Text     Kind = "text"     // free text, the "why?" follow-up among others
	YesNo    Kind = "yesno"    // yes (1) or no (0)
	Emotion  Kind = "emotion"  // the feelings the experience gave, any number
)

// kindRange gives each scored kind its lowest and highest score.
var kindRange = map[Kind][2]int{NPS: {0, 10}, CSAT: {1, 5}, CES: {1, 7}, YesNo: {0, 1}}

// Texts are one text in several languages, keyed by language tag.
type Texts map[string]string

// In returns the text in lang, falling back to Persian, English, then any.
func (t Texts) In(lang string) string {
	for _, l := range []string{lang, "fa", "en"} {
		if s := t[l]; s != "" {
			return s
		}
	}
	for _, s := range t {
		return s
	}
	return ""
}

// Option is one choice of a single, multiple or emotion question.
type Option struct {
	ID       string `json:"id"`
	Text     Texts  `json:"text"`
	Negative bool   `json:"negative,omitempty"` // an emotion the business wants to avoid
}

// Condition shows a question only when another question's score lies in
// [Min, Max] or its choice is one of Choices.
type Condition struct {
	Question string   `json:"question"`
	Min      *int     `json:"min,omitempty"`
	Max      *int     `json:"max,omitempty"`
	Choices  []string `json:"choices,omitempty"`
}

// Question is one question of a survey. ID names it in answers, exports
// and analytics, so it never changes once the survey has responses.
type Question struct {
	ID       string     `json:"id"`
	Kind     Kind       `json:"kind"`
	Text     Texts      `json:"text"`
	Options  []Option   `json:"options,omitempty"`
	Scale    int        `json:"scale,omitempty"` // the top of a rating, 3–10
	Required bool       `json:"required,omitempty"`
	ShowIf   *Condition `json:"show_if,omitempty"`
	// Trait names a customer trait that holds this answer already (city,
	// birth_year…); customers whose profile has it are not asked.
	Trait  string `json:"trait,omitempty"`
	Pillar string `json:"pillar,omitempty"` // trust, reliability, value or relevance
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// maxOptions bounds the options of one question.
const maxOptions = 30

// Range returns the lowest and highest score of a scored question.
func (q *Question) Range() (lo, hi int, ok bool) {
	if q.Kind == Rating {
		return 1, q.Scale, true
	}
	r, ok := kindRange[q.Kind]
	return r[0], r[1], ok
}

// Scored reports whether answers to q carry a score.
func (q *Question) Scored() bool { _, _, ok := q.Range(); return ok }

// HasOptions reports whether q is answered by choosing options.
func (q *Question) HasOptions() bool {
	return q.Kind == Single || q.Kind == Multiple || q.Kind == Emotion
}

// Option returns the option with id.
func (q *Question) Option(id string) (Option, bool) {
	for _, o := range q.Options {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

// validate checks one question; field prefixes errors with its position.
func (q *Question) validate(field string) error {
	const op = "survey.Question"
	if !idPattern.MatchString(q.ID) {
		return errs.Field(op, field+".id", "question id %q must start with a–z and hold only a–z, 0–9 and _ (40 at most)", q.ID)
	}
	if err := validTexts(q.Text, field+".text"); err != nil {
		return err
	}
	switch q.Kind {
	case NPS, CSAT, CES, Text, YesNo:
	case Rating:
		if q.Scale == 0 {
			q.Scale = 5
		}
		if q.Scale < 3 || q.Scale > 10 {
			return errs.Field(op, field+".scale", "a rating's scale must be 3 to 10, not %d", q.Scale)
		}
	case Single, Multiple, Emotion:
		if q.Kind == Emotion && len(q.Options) == 0 {
			q.Options = Emotions()
		}
		return q.validateOptions(field)
	default:
		return errs.Field(op, field+".kind", "kind %q is not one of nps, csat, ces, rating, single, multiple, text, yesno, emotion", q.Kind)
	}
	return nil
}

func (q *Question) validateOptions(field string) error {
	const op = "survey.Question"
	if len(q.Options) < 2 || len(q.Options) > maxOptions {
		return errs.Field(op, field+".options", "a %s question needs 2 to %d options", q.Kind, maxOptions)
	}
	seen := map[string]bool{}
	for i, o := range q.Options {
		f := field + ".options[" + itoa(i) + "]"
		if !idPattern.MatchString(o.ID) || seen[o.ID] {
			return errs.Field(op, f+".id", "option id %q must be unique, start with a–z and hold only a–z, 0–9 and _", o.ID)
		}
		seen[o.ID] = true
		if err := validTexts(o.Text, f+".text"); err != nil {
			return err
		}
	}
	return nil
}

// maxText bounds a question or option text, in bytes.
const maxText = 1000

func validTexts(t Texts, field string) error {
	if len(t) == 0 {
		return errs.Field("survey.Question", field, "give the text in Persian (fa) or English (en)")
	}
	for lang, s := range t {
		if len(lang) < 2 || len(lang) > 8 {
			return errs.Field("survey.Question", field, "language tag %q is not one like fa or en", lang)
		}
		if strings.TrimSpace(s) == "" || len(s) > maxText {
			return errs.Field("survey.Question", field+"."+lang, "the text must be 1 to %d bytes", maxText)
		}
	}
	return nil
}
