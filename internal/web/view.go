package web

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// View is what every page template gets besides its own data: the viewer,
// their workspace and language, and the helpers that speak it. Templates
// reach it as .V.
type View struct {
	Lang, Dir, Calendar string
	Loc                 *time.Location
	Session             *auth.Session // nil before sign-in
	Workspace           *workspace.Workspace
	Memberships         []auth.Membership
	Path                string // the page's path and query, to come back to
	Flash               string // a localised note about what just happened
	Version             string
	cat                 *locale.Catalog
}

// T returns the message key in the viewer's language.
func (v *View) T(key string, args ...any) string { return v.cat.T(v.Lang, key, args...) }

// TOr returns the message key when the catalog has one, else s as is: for
// values such as timeline titles that are keys or free text.
func (v *View) TOr(key, s string) string {
	if v.cat.Has(v.Lang, key) {
		return v.T(key)
	}
	return s
}

// Num formats n with the viewer's digits and grouping.
func (v *View) Num(n int) string { return locale.FormatInt(int64(n), v.Lang) }

// Digits writes the digits of s in the viewer's script.
func (v *View) Digits(s string) string { return locale.LocalDigits(s, v.Lang) }

// Date formats t's civil date in the workspace's zone and viewer's calendar.
func (v *View) Date(t time.Time) string { return locale.FormatDate(t.In(v.Loc), v.Lang, v.Calendar) }

// DateTime formats t as date and hour:minute in the workspace's zone.
func (v *View) DateTime(t time.Time) string {
	return v.Date(t) + " " + locale.LocalDigits(t.In(v.Loc).Format("15:04"), v.Lang)
}

// Pct formats a fraction from −1 to 1 as a signed whole percentage.
func (v *View) Pct(f float64) string {
	n := int64(math.Round(f * 100))
	s := locale.FormatInt(n, v.Lang)
	if n > 0 {
		s = plus(v.Lang) + s
	}
	if locale.IsPersian(v.Lang) {
		return s + "٪"
	}
	return s + "%"
}

// Can reports whether the viewer's role allows permission p.
func (v *View) Can(p string) bool {
	return v.Session != nil && v.Session.Role.Can(auth.Permission(p))
}

// Name returns a touchpoint's name in the viewer's language.
func (v *View) Name(t journey.Touchpoint) string {
	if locale.IsPersian(v.Lang) {
		return t.NameFa
	}
	return t.NameEn
}

// Phone formats an E.164 number the way people of the viewer's language
// write it.
func (v *View) Phone(e164 string) string { return locale.FormatPhone(e164, v.Lang) }

// Other is the language the switch offers.
func (v *View) Other() string {
	if locale.IsPersian(v.Lang) {
		return "en"
	}
	return "fa"
}

// Active reports whether the page is under prefix, for the navigation.
func (v *View) Active(prefix string) bool { return strings.HasPrefix(v.Path, prefix) }

// In returns the message key in lang, for text that names another
// language in its own words.
func (v *View) In(lang, key string) string { return v.cat.T(lang, key) }

// Num64 formats n with the viewer's digits, without grouping: for ids.
func (v *View) Num64(n int64) string { return locale.LocalDigits(strconv.FormatInt(n, 10), v.Lang) }

// Float formats f with up to one decimal in the viewer's digits.
func (v *View) Float(f float64) string {
	if f == math.Trunc(f) {
		return locale.FormatInt(int64(f), v.Lang)
	}
	return locale.FormatFloat(f, 1, v.Lang)
}

// SigClass names a signal's colour class, from sig-n2 to sig-p2.
func (v *View) SigClass(s int) string {
	if s < 0 {
		return "sig-n" + strconv.Itoa(-s)
	}
	return "sig-p" + strconv.Itoa(s)
}

// SigText writes a signal with its sign in the viewer's digits.
func (v *View) SigText(s int) string {
	t := locale.FormatInt(int64(s), v.Lang)
	if s > 0 {
		t = plus(v.Lang) + t
	}
	return t
}

// Bal writes the signal balance of s as a signed percentage, or a dash
// when no event carried a signal.
func (v *View) Bal(s journey.Signals) string {
	b, ok := s.Balance()
	if !ok {
		return "–"
	}
	return v.Pct(b)
}

// plus is a plus sign that stays before the number in right-to-left text,
// as FormatInt's minus does.
func plus(lang string) string {
	if locale.IsPersian(lang) {
		return "\u200e+"
	}
	return "+"
}

// Actor names who did something, from the actor string the domain
// records: a member by e-mail, a rule by number, a key by prefix, or the
// system.
func (v *View) Actor(a string) string {
	kind, rest, _ := strings.Cut(a, ":")
	switch kind {
	case "user":
		return rest
	case "rule":
		return v.T("console.actor.rule", v.Digits(rest))
	case "key":
		return v.T("console.actor.key", rest)
	case "system":
		return v.T("console.actor.system")
	}
	return a
}
