package web

import (
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/auth"
)

// route is one console page or action.
type route struct {
	pattern string
	handler http.Handler
}

// routes lists every console URL. Pages for cases, surveys, programs and
// analytics slot in here as their domains land, each with its permission.
func (c *Console) routes() []route {
	return []route{
		{"GET /{$}", http.RedirectHandler("/overview", http.StatusSeeOther)},
		{"GET /static/", c.static},
		{"GET /login", http.HandlerFunc(c.loginPage)},
		{"POST /login", http.HandlerFunc(c.login)},
		{"POST /logout", http.HandlerFunc(c.logout)},
		{"POST /language", http.HandlerFunc(c.switchLanguage)},
		{"POST /workspace", c.signedIn("", c.switchWorkspace)},

		{"GET /overview", c.signedIn(auth.ViewOverview, c.overview)},
		{"GET /journey", c.signedIn(auth.ViewJourney, c.journeyMap)},
		{"GET /journey/{key}", c.signedIn(auth.ViewJourney, c.touchpoint)},
		{"GET /customers", c.signedIn(auth.ViewCustomers, c.customers)},
		{"GET /customers/{id}", c.signedIn(auth.ViewCustomers, c.customer360)},

		{"GET /cases", c.signedIn(auth.WorkCases, c.cases)},
		{"GET /cases/{id}", c.signedIn(auth.WorkCases, c.casePage)},
		{"POST /cases/{id}/assign", c.signedIn(auth.WorkCases, c.assignCase)},
		{"POST /cases/{id}/note", c.signedIn(auth.WorkCases, c.noteCase)},
		{"POST /cases/{id}/escalate", c.signedIn(auth.WorkCases, c.escalateCase)},
		{"POST /cases/{id}/close", c.signedIn(auth.WorkCases, c.closeCase)},
		{"POST /cases/{id}/status", c.signedIn(auth.WorkCases, c.moveCase)},
		{"POST /cases/{id}/reopen", c.signedIn(auth.WorkCases, c.reopenCase)},

		{"GET /surveys", c.signedIn(auth.ManageSurveys, c.surveys)},
		{"POST /surveys", c.signedIn(auth.ManageSurveys, c.createSurvey)},
		{"GET /surveys/{id}", c.signedIn(auth.ManageSurveys, c.surveyBuilder)},
		{"POST /surveys/{id}/questions", c.signedIn(auth.ManageSurveys, c.addQuestion)},
		{"POST /surveys/{id}/questions/{qid}", c.signedIn(auth.ManageSurveys, c.saveQuestion)},
		{"POST /surveys/{id}/questions/{qid}/delete", c.signedIn(auth.ManageSurveys, c.deleteQuestion)},
		{"POST /surveys/{id}/questions/{qid}/move", c.signedIn(auth.ManageSurveys, c.moveQuestion)},
		{"GET /surveys/{id}/preview", c.signedIn(auth.ManageSurveys, c.surveyPreview)},
		{"POST /surveys/{id}/preview", c.signedIn(auth.ManageSurveys, c.surveyPreview)},
		{"POST /surveys/{id}/publish", c.signedIn(auth.ManageSurveys, c.publishSurvey)},
		{"GET /surveys/{id}/distribute", c.signedIn(auth.ManageSurveys, c.surveyDistribute)},
		{"POST /surveys/{id}/links", c.signedIn(auth.ManageSurveys, c.createLinks)},
		{"GET /surveys/{id}/results", c.signedIn(auth.ManageSurveys, c.surveyResults)},
		{"GET /surveys/{id}/export.csv", c.signedIn(auth.ManageSurveys, c.surveyExport)},

		{"GET /programs", c.signedIn(auth.ManagePrograms, c.programs)},
		{"GET /programs/new", c.signedIn(auth.ManagePrograms, c.newProgram)},
		{"POST /programs", c.signedIn(auth.ManagePrograms, c.createProgram)},
		{"GET /programs/{id}", c.signedIn(auth.ManagePrograms, c.programPage)},
		{"POST /programs/{id}", c.signedIn(auth.ManagePrograms, c.saveProgram)},
		{"POST /programs/{id}/status", c.signedIn(auth.ManagePrograms, c.programStatus)},
		{"GET /programs/{id}/dry-run", c.signedIn(auth.ManagePrograms, c.programDryRun)},

		{"GET /analytics", c.signedIn(auth.ViewAnalytics, c.analyticsGaps)},
		{"GET /analytics/drivers", c.signedIn(auth.ViewAnalytics, c.analyticsDrivers)},
		{"GET /analytics/experience", c.signedIn(auth.ViewAnalytics, c.analyticsExperience)},
		{"GET /analytics/loop", c.signedIn(auth.ViewAnalytics, c.analyticsLoop)},

		{"GET /settings", http.RedirectHandler("/settings/preferences", http.StatusSeeOther)},
		{"GET /settings/preferences", c.signedIn("", c.preferences)},
		{"POST /settings/preferences", c.signedIn("", c.savePreferences)},
		{"GET /settings/touchpoints", c.signedIn(auth.ManageTouchpoints, c.touchpoints)},
		{"POST /settings/touchpoints", c.signedIn(auth.ManageTouchpoints, c.createTouchpoint)},
		{"GET /settings/touchpoints/{key}", c.signedIn(auth.ManageTouchpoints, c.editTouchpoint)},
		{"POST /settings/touchpoints/{key}", c.signedIn(auth.ManageTouchpoints, c.saveTouchpoint)},
		{"GET /settings/rules", c.signedIn(auth.ManageLoop, c.loopRules)},
		{"POST /settings/rules", c.signedIn(auth.ManageLoop, c.createRule)},
		{"GET /settings/rules/{id}", c.signedIn(auth.ManageLoop, c.editRule)},
		{"POST /settings/rules/{id}", c.signedIn(auth.ManageLoop, c.saveRule)},
		{"POST /settings/rules/{id}/delete", c.signedIn(auth.ManageLoop, c.deleteRule)},
		{"GET /settings/calendar", c.signedIn(auth.ManageLoop, c.businessCalendar)},
		{"POST /settings/calendar", c.signedIn(auth.ManageLoop, c.saveCalendar)},
		{"GET /settings/channels", c.signedIn(auth.ManageChannels, c.channels)},
		{"POST /settings/channels", c.signedIn(auth.ManageChannels, c.saveChannels)},
		{"POST /settings/channels/test", c.signedIn(auth.ManageChannels, c.tryChannel)},
		{"GET /settings/users", c.signedIn(auth.ManageUsers, c.users)},
		{"POST /settings/users", c.signedIn(auth.ManageUsers, c.inviteUser)},
		{"POST /settings/users/{id}/role", c.signedIn(auth.ManageUsers, c.changeRole)},
		{"GET /settings/keys", c.signedIn(auth.ManageKeys, c.keys)},
		{"POST /settings/keys", c.signedIn(auth.ManageKeys, c.createKey)},
		{"POST /settings/keys/{id}/revoke", c.signedIn(auth.ManageKeys, c.revokeKey)},
	}
}

// build puts the routes on one mux behind cross-origin protection (forged
// form posts from other sites are refused) and the security headers.
func (c *Console) build() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range c.routes() {
		mux.Handle(rt.pattern, rt.handler)
	}
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(c.forged))
	return securityHeaders(cop.Handler(mux))
}

// securityHeaders forbids everything not from this host: no inline script
// or style, no framing, no other origins.
func securityHeaders(next http.Handler) http.Handler {
	const csp = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; " +
		"form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}
