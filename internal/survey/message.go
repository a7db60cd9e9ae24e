package survey

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/notify"
)

// The words around a survey message, per language.
var messageWords = map[string]map[string]string{
	"fa": {"subject": "نظر شما دربارهٔ %s", "intro": "سلام، چند ثانیه وقت دارید؟", "rest": "پاسخ کامل:",
		"reply": "با یک عدد از %s تا %s پاسخ دهید.", "yesno": "پاسخ: ۱ = بله، ۲ = خیر", "link": "یا این پیوند:"},
	"en": {"subject": "Your opinion of %s", "intro": "Hello, do you have a few seconds?", "rest": "Answer in full:",
		"reply": "Reply with a number from %s to %s.", "yesno": "Reply 1 = yes, 2 = no", "link": "or use this link:"},
}

func msgWords(lang string) map[string]string {
	if w, ok := messageWords[lang]; ok {
		return w
	}
	return messageWords["fa"]
}

// First returns the question a message asks: the survey's first one.
func (s *Survey) First() *Question { return &s.Questions[0] }

// SMSText is the invitation text: the first question, how to answer it by
// reply, the personal link, and the opt-out line.
func SMSText(s *Survey, brand, lang, link string) string {
	w, q := msgWords(lang), s.First()
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", brand, q.Text.In(lang))
	if lo, hi, ok := q.Range(); ok && q.Kind != YesNo {
		fmt.Fprintf(&b, w["reply"]+"\n", locale.LocalDigits(strconv.Itoa(lo), lang), locale.LocalDigits(strconv.Itoa(hi), lang))
	} else if q.Kind == YesNo {
		b.WriteString(w["yesno"] + "\n")
	}
	fmt.Fprintf(&b, "%s %s", w["link"], link)
	return notify.WithOptOut(b.String())
}

// MailMessage is the invitation e-mail with the first question inside:
// each score is a link that answers it.
func MailMessage(s *Survey, brand, lang, to, link string) notify.Mail {
	w, q := msgWords(lang), s.First()
	dir := locale.Dir(lang)
	var text, h strings.Builder
	fmt.Fprintf(&text, "%s\n\n%s\n\n", w["intro"], q.Text.In(lang))
	fmt.Fprintf(&h, `<div dir="%s" lang="%s" style="font-family:Tahoma,Arial,sans-serif;font-size:16px">`, dir, lang)
	fmt.Fprintf(&h, "<p>%s</p><p><strong>%s</strong></p>", html.EscapeString(w["intro"]), html.EscapeString(q.Text.In(lang)))
	if lo, hi, ok := q.Range(); ok {
		h.WriteString(`<p>`)
		for n := lo; n <= hi; n++ {
			u := fmt.Sprintf("%s?q=%s&v=%d", link, q.ID, n)
			label := scoreLabel(q, n, lang)
			fmt.Fprintf(&h, `<a href="%s" style="display:inline-block;min-width:32px;padding:8px 4px;margin:2px;border:1px solid #0b5cad;border-radius:6px;text-align:center;color:#0b5cad;text-decoration:none">%s</a>`,
				html.EscapeString(u), html.EscapeString(label))
			fmt.Fprintf(&text, "%s: %s\n", label, u)
		}
		h.WriteString(`</p>`)
	}
	fmt.Fprintf(&h, `<p><a href="%s">%s</a></p></div>`, html.EscapeString(link), html.EscapeString(w["rest"]))
	fmt.Fprintf(&text, "\n%s %s\n", w["rest"], link)
	return notify.Mail{To: to, Subject: fmt.Sprintf(w["subject"], brand), Text: text.String(), HTML: h.String()}
}

func scoreLabel(q *Question, n int, lang string) string {
	if q.Kind == YesNo {
		return yesNoWord(lang, n == 1)
	}
	return locale.LocalDigits(strconv.Itoa(n), lang)
}

func yesNoWord(lang string, yes bool) string {
	if lang == "en" {
		return map[bool]string{true: "Yes", false: "No"}[yes]
	}
	return map[bool]string{true: "بله", false: "خیر"}[yes]
}
