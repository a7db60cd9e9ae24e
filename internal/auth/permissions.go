package auth

// Permission is one thing a person may see or do in a workspace.
type Permission string

// The permissions of the console and API, one per page area and action.
// Pages still to come (cases, surveys, programs, analytics) have theirs
// here already, so the table stays the one place roles are decided.
const (
	ViewOverview      Permission = "overview.view"
	ViewJourney       Permission = "journey.view"
	ViewCustomers     Permission = "customers.view"
	ViewSettings      Permission = "settings.view"
	ManageTouchpoints Permission = "touchpoints.manage"
	ManageUsers       Permission = "users.manage"
	ManageKeys        Permission = "keys.manage"
	WorkCases         Permission = "cases.work"
	ManageSurveys     Permission = "surveys.manage"
	ManagePrograms    Permission = "programs.manage"
	ViewAnalytics     Permission = "analytics.view"
	ManageLoop        Permission = "loop.manage"     // loop rules and the business calendar
	ManageChannels    Permission = "channels.manage" // e-mail and SMS providers and their secrets
)

// permissions is the role table: what each role may see and change. An
// owner and an admin may do everything; only an owner may make owners.
var permissions = map[Role][]Permission{
	Owner:    {ViewOverview, ViewJourney, ViewCustomers, ViewSettings, ManageTouchpoints, ManageUsers, ManageKeys, WorkCases, ManageSurveys, ManagePrograms, ViewAnalytics, ManageLoop, ManageChannels},
	Admin:    {ViewOverview, ViewJourney, ViewCustomers, ViewSettings, ManageTouchpoints, ManageUsers, ManageKeys, WorkCases, ManageSurveys, ManagePrograms, ViewAnalytics, ManageLoop, ManageChannels},
	Analyst:  {ViewOverview, ViewJourney, ViewCustomers, ViewSettings, ManageTouchpoints, ManageSurveys, ViewAnalytics, ManageLoop},
	Agent:    {ViewOverview, ViewJourney, ViewCustomers, WorkCases},
	Marketer: {ViewOverview, ViewJourney, ViewCustomers, ManageSurveys, ManagePrograms, ViewAnalytics},
	Viewer:   {ViewOverview, ViewJourney, ViewAnalytics},
}

// Roles lists the roles, most powerful first.
var Roles = []Role{Owner, Admin, Analyst, Agent, Marketer, Viewer}

// Can reports whether role r has permission p.
func (r Role) Can(p Permission) bool {
	for _, q := range permissions[r] {
		if q == p {
			return true
		}
	}
	return false
}

// CanGrant reports whether someone with role r may give role to another
// member, or change a member who has it: owners are made and changed only
// by owners, and only people who manage users grant anything.
func (r Role) CanGrant(role Role) bool {
	if !r.Can(ManageUsers) || !role.Valid() {
		return false
	}
	return role != Owner || r == Owner
}
