// Package respond serves the public survey pages under /s/: personal
// links with signed tokens, anonymous public links, QR codes, and the
// SMS and phone-keypad hooks. Pages are rendered on the server from
// embedded templates, work without JavaScript, read right to left with
// Persian digits in Persian, and load in one request.
package respond

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/tajrobe/tajrobe/internal/clientip"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Handler serves the public pages. It keeps no state between requests
// but a node's own count of the abuse limit, which the database's shared
// count backs.
type Handler struct {
	DB      *store.DB
	Log     *slog.Logger
	BaseURL string
	// MinFill is the shortest time a person takes to answer a public form;
	// faster posts are bots. Tests set it to zero.
	MinFill time.Duration
	// Clients finds a poster's address behind trusted proxies, for the
	// abuse limit; nil takes the connection's address.
	Clients *clientip.Resolver
	limit   *limiter
	commit  *survey.Committer
}

// New returns a handler with its defaults.
func New(db *store.DB, log *slog.Logger, baseURL string) *Handler {
	return &Handler{DB: db, Log: log, BaseURL: baseURL, MinFill: 2 * time.Second, limit: newLimiter(db, log, 20, time.Minute),
		commit: &survey.Committer{DB: db}}
}

// Routes returns the public patterns and their handlers, for api.Server.Mounts.
func (h *Handler) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		"GET /s/{token}":             http.HandlerFunc(h.showPersonal),
		"POST /s/{token}":            http.HandlerFunc(h.postPersonal),
		"GET /s/p/{slug}":            http.HandlerFunc(h.showPublic),
		"POST /s/p/{slug}":           http.HandlerFunc(h.postPublic),
		"GET /s/p/{slug}/qr.svg":     http.HandlerFunc(h.qrSVG),
		"GET /s/p/{slug}/qr.png":     http.HandlerFunc(h.qrPNG),
		"POST /hooks/sms/{provider}": http.HandlerFunc(h.smsHook),
		"POST /hooks/ivr":            http.HandlerFunc(h.ivrHook),
	}
}

// visit is one respondent's way into one survey.
type visit struct {
	s          *survey.Survey
	brand      string
	lang       string
	key        string // the response's source key
	customerID int64
	invitation int64
	touchpoint string
	channel    string
	editFor    time.Duration
	profile    survey.Profile
	action     string            // this page's URL, for the form and redirects
	hidden     map[string]string // fields the form carries back
	other      *otherLang
}

// brandOf names the workspace on the page.
func (h *Handler) brandOf(ctx context.Context, workspaceID int64) string {
	ws, err := workspace.Get(ctx, h.DB, workspaceID)
	if err != nil {
		return ""
	}
	return ws.Name
}

// pickLang chooses the page language: asked in the URL, else the
// fallback, else the browser's.
func pickLang(r *http.Request, fallback string) string {
	switch q := r.URL.Query().Get("lang"); q {
	case "fa", "en":
		return q
	}
	if fallback == "fa" || fallback == "en" {
		return fallback
	}
	if l := locale.ParseAcceptLanguage(r.Header.Get("Accept-Language"), locale.SupportedLanguages()); l != "" {
		return l
	}
	return "fa"
}

// failPage shows a person what went wrong with a link, in words they can act on.
func (h *Handler) failPage(w http.ResponseWriter, r *http.Request, err error, lang, brand string) {
	switch {
	case errs.Is(err, errs.NotExist):
		message(w, r, http.StatusNotFound, lang, brand, "invalid")
	case errs.Is(err, errs.Conflict) && errs.Message(err) == "this survey link has expired":
		message(w, r, http.StatusGone, lang, brand, "expired")
	case errs.Is(err, errs.Conflict):
		message(w, r, http.StatusConflict, lang, brand, "answered")
	case errs.Is(err, errs.TooLarge):
		message(w, r, http.StatusRequestEntityTooLarge, lang, brand, "fix")
	default:
		h.Log.ErrorContext(r.Context(), "survey page failed", "err", err, "path", r.URL.Path)
		message(w, r, http.StatusInternalServerError, lang, brand, "error")
	}
}
