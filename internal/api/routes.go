package api

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/program"
)

// route is one entry of the API: the method-and-path pattern and its
// handler. The OpenAPI test checks this list against openapi.json.
type route struct {
	Pattern string
	Handler http.Handler
}

func (s *Server) routes() []route {
	return []route{
		{"GET /healthz", http.HandlerFunc(s.healthz)},
		{"GET /readyz", http.HandlerFunc(s.readyz)},
		{"GET /metrics", s.metricsHandler()},
		{"GET /api/v1/openapi.json", http.HandlerFunc(s.openAPI)},

		{"POST /api/v1/customers", s.secret(s.createCustomer)},
		{"GET /api/v1/customers/lookup", s.secret(s.lookupCustomer)},
		{"GET /api/v1/customers/{id}", s.secret(s.getCustomer)},
		{"PATCH /api/v1/customers/{id}", s.secret(s.updateCustomer)},
		{"GET /api/v1/customers/{id}/timeline", s.secret(s.customerTimeline)},
		{"POST /api/v1/customers/{id}/merge", s.secret(s.mergeCustomer)},
		{"POST /api/v1/merges/{id}/undo", s.secret(s.undoMerge)},

		{"GET /api/v1/analytics/summary", s.secret(s.analyticsView(summaryView))},
		{"GET /api/v1/analytics/series", s.secret(s.analyticsView(s.seriesView))},
		{"GET /api/v1/analytics/journey-map", s.secret(s.analyticsView(journeyMapView))},
		{"GET /api/v1/analytics/flow", s.secret(s.analyticsView(flowView))},
		{"GET /api/v1/analytics/gaps", s.secret(s.analyticsView(gapsView))},
		{"GET /api/v1/analytics/drivers", s.secret(s.analyticsView(driversView))},
		{"GET /api/v1/analytics/emotion", s.secret(s.analyticsView(emotionView))},
		{"GET /api/v1/analytics/pillars", s.secret(s.analyticsView(pillarsView))},
		{"GET /api/v1/analytics/loop", s.secret(s.loopMetrics)},

		{"GET /api/v1/touchpoints", s.secret(s.listTouchpoints)},
		{"POST /api/v1/touchpoints", s.secret(s.createTouchpoint)},
		{"GET /api/v1/touchpoints/{key}", s.secret(s.getTouchpoint)},
		{"PATCH /api/v1/touchpoints/{key}", s.secret(s.updateTouchpoint)},
		{"DELETE /api/v1/touchpoints/{key}", s.secret(s.deleteTouchpoint)},

		{"POST /v1/track", s.ingest("track")},
		{"POST /v1/identify", s.ingest("identify")},
		{"POST /v1/page", s.ingest("page")},
		{"POST /v1/screen", s.ingest("screen")},
		{"POST /v1/group", s.ingest("group")},
		{"POST /v1/alias", s.ingest("alias")},
		{"POST /v1/batch", s.ingest("")},
		{"POST /api/v1/events", s.secret(s.importEvents)},
		{"GET /api/v1/event-mappings", s.secret(s.listEventMappings)},
		{"POST /api/v1/event-mappings", s.secret(s.createEventMapping)},
		{"GET /api/v1/event-mappings/{id}", s.secret(s.getEventMapping)},
		{"PATCH /api/v1/event-mappings/{id}", s.secret(s.updateEventMapping)},
		{"DELETE /api/v1/event-mappings/{id}", s.secret(s.deleteEventMapping)},

		{"GET /api/v1/surveys", s.secret(s.listSurveys)},
		{"POST /api/v1/surveys", s.secret(s.createSurvey)},
		{"GET /api/v1/surveys/{id}", s.secret(s.getSurvey)},
		{"PATCH /api/v1/surveys/{id}", s.secret(s.updateSurvey)},
		{"DELETE /api/v1/surveys/{id}", s.secret(s.deleteSurvey)},
		{"POST /api/v1/surveys/{id}/publish", s.secret(s.publishSurvey)},
		{"POST /api/v1/surveys/{id}/close", s.secret(s.closeSurvey)},
		{"GET /api/v1/surveys/{id}/scores", s.secret(s.surveyScores)},
		{"POST /api/v1/surveys/{id}/invitations", s.secret(s.createInvitations)},
		{"GET /api/v1/surveys/{id}/invitations", s.secret(s.listInvitations)},
		{"GET /api/v1/surveys/{id}/responses", s.secret(s.listResponses)},
		{"POST /api/v1/responses", s.secret(s.importResponses)},
		{"GET /api/v1/survey-templates", s.secret(s.surveyTemplates)},
		{"GET /api/v1/survey-settings", s.secret(s.getSurveySettings)},
		{"PUT /api/v1/survey-settings", s.secret(s.putSurveySettings)},

		{"POST /api/v1/text/analyze", s.secret(s.analyzeText)},
		{"GET /api/v1/text/themes", s.secret(s.getThemes)},
		{"PUT /api/v1/text/themes", s.secret(s.putThemes)},
		{"GET /api/v1/comments", s.secret(s.listComments)},
		{"GET /api/v1/comments/summary", s.secret(s.commentThemes)},
		{"GET /api/v1/comments/{id}", s.secret(s.getComment)},
		{"POST /api/v1/comments/{id}/correction", s.secret(s.correctComment)},

		{"GET /api/v1/loop-rules", s.secret(s.listLoopRules)},
		{"POST /api/v1/loop-rules", s.secret(s.saveLoopRule)},
		{"GET /api/v1/loop-rules/{id}", s.secret(s.getLoopRule)},
		{"PUT /api/v1/loop-rules/{id}", s.secret(s.saveLoopRule)},
		{"DELETE /api/v1/loop-rules/{id}", s.secret(s.deleteByID(loop.DeleteRule))},
		{"GET /api/v1/cases", s.secret(s.listCases)},
		{"POST /api/v1/cases", s.secret(s.openCase)},
		{"GET /api/v1/cases/{id}", s.secret(s.getCase)},
		{"PATCH /api/v1/cases/{id}", s.secret(s.updateCase)},
		{"POST /api/v1/cases/{id}/notes", s.secret(s.addCaseNote)},
		{"POST /api/v1/cases/{id}/assign", s.secret(s.assignCase)},
		{"POST /api/v1/cases/{id}/close", s.secret(s.closeCase)},
		{"POST /api/v1/cases/{id}/reopen", s.secret(s.reopenCase)},
		{"POST /api/v1/cases/{id}/recovery", s.secret(s.caseRecovery)},
		{"GET /api/v1/teams", s.secret(s.listTeams)},
		{"POST /api/v1/teams", s.secret(s.saveTeam)},
		{"PUT /api/v1/teams/{id}", s.secret(s.saveTeam)},
		{"DELETE /api/v1/teams/{id}", s.secret(s.deleteByID(loop.DeleteTeam))},
		{"GET /api/v1/loop/settings", s.secret(s.getLoopSettings)},
		{"PUT /api/v1/loop/settings", s.secret(s.putLoopSettings)},
		{"GET /api/v1/loop/metrics", s.secret(s.loopMetrics)},
		{"GET /api/v1/loop/dead-letters", s.secret(s.deadLetters)},

		{"GET /api/v1/programs", s.secret(s.listPrograms)},
		{"POST /api/v1/programs", s.secret(s.saveProgram)},
		{"GET /api/v1/programs/{id}", s.secret(s.getProgram)},
		{"PUT /api/v1/programs/{id}", s.secret(s.saveProgram)},
		{"POST /api/v1/programs/{id}/activate", s.secret(s.programStatus(program.Active))},
		{"POST /api/v1/programs/{id}/pause", s.secret(s.programStatus(program.Paused))},
		{"POST /api/v1/programs/{id}/resume", s.secret(s.programStatus(program.Active))},
		{"POST /api/v1/programs/{id}/archive", s.secret(s.programStatus(program.Archived))},
		{"POST /api/v1/programs/{id}/enter", s.secret(s.enterProgram)},
		{"POST /api/v1/programs/{id}/dry-run", s.secret(s.dryRunProgram)},
		{"POST /api/v1/programs/{id}/preview", s.secret(s.previewProgram)},
		{"GET /api/v1/programs/{id}/counts", s.secret(s.programCounts)},
		{"GET /api/v1/programs/{id}/customers/{customer_id}", s.secret(s.programHistory)},
		{"GET /api/v1/program-settings", s.secret(s.getProgramSettings)},
		{"PUT /api/v1/program-settings", s.secret(s.putProgramSettings)},
		{"GET /u/{token}", http.HandlerFunc(s.unsubscribeForm)},
		{"POST /u/{token}", http.HandlerFunc(s.unsubscribe)},
	}
}
