package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// questionForm is one question as the builder's form holds it: numbers
// and options as typed, so a refused form comes back unchanged.
type questionForm struct {
	ID, Kind, TextFa, TextEn string
	Required                 bool
	Scale, Options           string // options one a line: id | فارسی | English
	ShowIf, Min, Max         string
	Choices                  string
	Earlier                  []string // the questions a condition may name
}

func formOf(q survey.Question) questionForm {
	f := questionForm{ID: q.ID, Kind: string(q.Kind), TextFa: q.Text["fa"], TextEn: q.Text["en"], Required: q.Required}
	if q.Scale > 0 {
		f.Scale = strconv.Itoa(q.Scale)
	}
	var opts []string
	for _, o := range q.Options {
		opts = append(opts, o.ID+" | "+o.Text["fa"]+" | "+o.Text["en"])
	}
	f.Options = strings.Join(opts, "\n")
	if c := q.ShowIf; c != nil {
		f.ShowIf, f.Choices = c.Question, strings.Join(c.Choices, ", ")
		if c.Min != nil {
			f.Min = strconv.Itoa(*c.Min)
		}
		if c.Max != nil {
			f.Max = strconv.Itoa(*c.Max)
		}
	}
	return f
}

func readQuestionForm(r *http.Request) questionForm {
	p := r.PostFormValue
	return questionForm{ID: strings.TrimSpace(p("id")), Kind: p("kind"), TextFa: p("text_fa"), TextEn: p("text_en"),
		Required: p("required") == "1", Scale: p("scale"), Options: p("options"), ShowIf: p("show_if"),
		Min: p("min"), Max: p("max"), Choices: p("choices")}
}

// question turns the form into a question; numbers may be typed in
// Persian digits.
func (f questionForm) question() (survey.Question, error) {
	q := survey.Question{ID: f.ID, Kind: survey.Kind(f.Kind), Required: f.Required, Text: survey.Texts{}}
	for lang, t := range map[string]string{"fa": f.TextFa, "en": f.TextEn} {
		if t = strings.TrimSpace(t); t != "" {
			q.Text[lang] = t
		}
	}
	var err error
	if q.Scale, err = optionalInt("scale", f.Scale); err != nil {
		return q, err
	}
	for _, line := range strings.Split(f.Options, "\n") {
		if parts := strings.Split(line, "|"); strings.TrimSpace(line) != "" {
			o := survey.Option{ID: strings.TrimSpace(parts[0]), Text: survey.Texts{}}
			for i, lang := range []string{"fa", "en"} {
				if len(parts) > i+1 && strings.TrimSpace(parts[i+1]) != "" {
					o.Text[lang] = strings.TrimSpace(parts[i+1])
				}
			}
			q.Options = append(q.Options, o)
		}
	}
	return q, f.condition(&q)
}

// condition reads the show-if logic: a score range or chosen options of
// an earlier question.
func (f questionForm) condition(q *survey.Question) error {
	if f.ShowIf == "" {
		return nil
	}
	c := &survey.Condition{Question: f.ShowIf}
	for _, n := range []struct {
		name, text string
		dst        **int
	}{{"min", f.Min, &c.Min}, {"max", f.Max, &c.Max}} {
		if strings.TrimSpace(n.text) != "" {
			v, err := optionalInt(n.name, n.text)
			if err != nil {
				return err
			}
			*n.dst = &v
		}
	}
	for _, ch := range strings.Split(f.Choices, ",") {
		if ch = strings.TrimSpace(ch); ch != "" {
			c.Choices = append(c.Choices, ch)
		}
	}
	q.ShowIf = c
	return nil
}

func optionalInt(field, s string) (int, error) {
	s = strings.TrimSpace(latin(s))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errs.Field("web.survey", field, "%s %q is not a whole number", field, s)
	}
	return n, nil
}

// questionField names the part of a question a survey error is about,
// "questions[2].show_if.question" becoming "q.show_if.question", so the
// catalog can explain it in the viewer's language.
var questionField = regexp.MustCompile(`^questions\[\d+\]\.?`)

func surveyError(err error) error {
	f := errs.FieldOf(err)
	if !questionField.MatchString(f) {
		return err
	}
	f = questionField.ReplaceAllString(f, "q.")
	f = regexp.MustCompile(`\[\d+\]`).ReplaceAllString(strings.TrimSuffix(f, "."), "")
	if f == "q." {
		f = "q"
	}
	return &errs.Error{Op: "web.survey", Kind: errs.KindOf(err), Field: f, Msg: errs.Message(err), Err: err}
}
