package api

import (
	"html/template"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/program"
)

// unsubscribePage is the one-click unsubscribe page: a button on GET (so
// a link scanner cannot unsubscribe anyone), done on POST, which is also
// what mail clients send for List-Unsubscribe-Post (RFC 8058).
var unsubscribePage = template.Must(template.New("u").Parse(`<!doctype html>
<html lang="{{.Lang}}" dir="{{.Dir}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.7}
button{font:inherit;padding:.6rem 1.4rem;border-radius:.4rem;border:1px solid #555;background:#fff;cursor:pointer}</style></head>
<body><h1>{{.Title}}</h1><p>{{.Text}}</p>{{if .Form}}<form method="post"><button type="submit">{{.Button}}</button></form>{{end}}</body></html>`))

type unsubscribeView struct {
	Lang, Dir, Title, Text, Button string
	Form                           bool
}

func (s *Server) unsubscribeForm(w http.ResponseWriter, r *http.Request) {
	u, err := program.CheckUnsubscribe(r.Context(), s.DB, r.PathValue("token"))
	s.unsubscribeAnswer(w, r, u, err, true)
}

func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	u, err := program.Unsubscribe(r.Context(), s.DB, r.PathValue("token"))
	s.unsubscribeAnswer(w, r, u, err, false)
}

func (s *Server) unsubscribeAnswer(w http.ResponseWriter, r *http.Request, u *program.Unsubscription, err error, form bool) {
	if errs.Is(err, errs.NotExist) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		unsubscribePage.Execute(w, unsubscribeView{Lang: "fa", Dir: "rtl", Title: "پیوند نامعتبر / Invalid link",
			Text: "این پیوند لغو اشتراک معتبر نیست. This unsubscribe link is not valid."})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := unsubscribeView{Lang: u.Language, Dir: locale.Dir(u.Language), Form: form}
	switch {
	case u.Language == "en" && form:
		v.Title, v.Text, v.Button = "Unsubscribe", "Stop "+u.Brand+"'s e-mail offers?", "Unsubscribe"
	case u.Language == "en":
		v.Title, v.Text = "Unsubscribed", "You will get no more e-mail from "+u.Brand+"."
	case form:
		v.Title, v.Text, v.Button = "لغو اشتراک", "دیگر ایمیل‌های "+u.Brand+" را دریافت نکنید؟", "لغو اشتراک"
	default:
		v.Title, v.Text = "اشتراک لغو شد", "دیگر ایمیلی از "+u.Brand+" برایتان فرستاده نمی‌شود."
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	unsubscribePage.Execute(w, v)
}
