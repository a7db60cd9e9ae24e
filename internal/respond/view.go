package respond

import (
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// page is what the template shows.
type page struct {
	Lang, Dir, Title, Brand string
	CSS                     any // template.CSS, trusted: our own file
	State                   string
	Message, EditURL        string
	Action, Error, Notice   string
	Questions               []question
	Hidden                  map[string]string
	T                       map[string]string
	MaxText                 int
	Other                   *otherLang
}

// otherLang links to the page in the other language.
type otherLang struct{ URL, Lang, Label string }

// question is one question as shown.
type question struct {
	ID, Text, Kind, Low, High, Value, Error string
	Required                                bool
	Options                                 []option
}

// option is one radio button or checkbox.
type option struct {
	Name, Value, Label, Type string
	Checked                  bool
}

// buildQuestions turns survey questions into what the page shows, with
// earlier answers and errors filled in.
func buildQuestions(qs []*survey.Question, lang string, answers map[string]*survey.Answer, bad map[string]string) []question {
	w := words(lang)
	out := make([]question, 0, len(qs))
	for _, q := range qs {
		v := question{ID: q.ID, Text: q.Text.In(lang), Required: q.Required, Error: bad[q.ID]}
		a := answers[q.ID]
		switch {
		case q.Kind == survey.YesNo:
			v.Kind = "choice"
			v.Options = []option{yesNo(q.ID, "yes", w["yes"], a, 1), yesNo(q.ID, "no", w["no"], a, 0)}
		case q.Scored():
			v.Kind, v.Options = "scale", scale(q, lang, a)
			v.Low, v.High = w[string(q.Kind)+"_low"], w[string(q.Kind)+"_high"]
		case q.HasOptions():
			v.Kind, v.Options = "choice", choices(q, lang, a)
		default:
			v.Kind = "text"
			if a != nil {
				v.Value = a.Text
			}
		}
		out = append(out, v)
	}
	return out
}

func scale(q *survey.Question, lang string, a *survey.Answer) []option {
	lo, hi, _ := q.Range()
	out := make([]option, 0, hi-lo+1)
	for n := lo; n <= hi; n++ {
		s := strconv.Itoa(n)
		out = append(out, option{Name: q.ID, Value: s, Label: locale.LocalDigits(s, lang), Type: "radio",
			Checked: a != nil && a.Score != nil && *a.Score == n})
	}
	return out
}

func choices(q *survey.Question, lang string, a *survey.Answer) []option {
	typ := "checkbox"
	if q.Kind == survey.Single {
		typ = "radio"
	}
	out := make([]option, 0, len(q.Options))
	for _, o := range q.Options {
		checked := a != nil && strings.Contains(","+strings.Join(a.Choices, ",")+",", ","+o.ID+",")
		out = append(out, option{Name: q.ID, Value: o.ID, Label: o.Text.In(lang), Type: typ, Checked: checked})
	}
	return out
}

func yesNo(id, value, label string, a *survey.Answer, score int) option {
	return option{Name: id, Value: value, Label: label, Type: "radio", Checked: a != nil && a.Score != nil && *a.Score == score}
}

// parseForm reads the answers to qs from a posted form. Bad answers are
// returned by question with a message in lang; nothing is stored for them.
func parseForm(qs []*survey.Question, form map[string][]string, lang string) ([]*survey.Answer, map[string]string) {
	var out []*survey.Answer
	bad := map[string]string{}
	for _, q := range qs {
		a, err := q.Parse(form[q.ID])
		switch {
		case err != nil:
			bad[q.ID] = localError(err, lang)
		case a == nil && q.Required:
			bad[q.ID] = words(lang)["required"]
		case a != nil:
			out = append(out, a)
		}
	}
	return out, bad
}

// localError shows a person the error in their language where we can.
func localError(err error, lang string) string {
	if lang == "fa" {
		if errs.Is(err, errs.TooLarge) {
			return "متن بلندتر از " + locale.FormatInt(survey.MaxComment, "fa") + " نویسه است."
		}
		return "این پاسخ پذیرفته نیست."
	}
	return errs.Message(err)
}
