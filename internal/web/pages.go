package web

// The page templates, one file each in templates/pages. A test checks that
// this list and the files agree, so no page is missing or left over.
const (
	pageLogin               = "login"
	pageError               = "error"
	pageOverview            = "overview"
	pageJourney             = "journey"
	pageTouchpoint          = "touchpoint"
	pageCustomers           = "customers"
	pageCustomer            = "customer"
	pagePreferences         = "preferences"
	pageTouchpoints         = "touchpoints"
	pageTouchpointEdit      = "touchpoint_edit"
	pageUsers               = "users"
	pageKeys                = "keys"
	pageCases               = "cases"
	pageCase                = "case"
	pageSurveys             = "surveys"
	pageSurvey              = "survey"
	pageSurveyDistribute    = "survey_distribute"
	pageSurveyResults       = "survey_results"
	pageAnalytics           = "analytics"
	pageAnalyticsDrivers    = "analytics_drivers"
	pageAnalyticsExperience = "analytics_experience"
	pageAnalyticsLoop       = "analytics_loop"
	pageRules               = "rules"
	pageCalendar            = "calendar"
	pageChannels            = "channels"
)

var allPages = []string{pageLogin, pageError, pageOverview, pageJourney, pageTouchpoint, pageCustomers,
	pageCustomer, pagePreferences, pageTouchpoints, pageTouchpointEdit, pageUsers, pageKeys,
	pageCases, pageCase, pageSurveys, pageSurvey, pageSurveyDistribute, pageSurveyResults,
	pageAnalytics, pageAnalyticsDrivers, pageAnalyticsExperience, pageAnalyticsLoop,
	pageRules, pageCalendar, pageChannels}
