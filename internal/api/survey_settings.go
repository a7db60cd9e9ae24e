package api

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/survey"
)

func (s *Server) getSurveySettings(w http.ResponseWriter, r *http.Request) {
	set, err := survey.LoadSettings(r.Context(), s.DB, caller(r).Workspace.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, set.Redacted())
}

// putSurveySettings replaces the rules and channels; a password or key
// sent back redacted keeps its stored value.
func (s *Server) putSurveySettings(w http.ResponseWriter, r *http.Request) {
	set, err := survey.LoadSettings(r.Context(), s.DB, caller(r).Workspace.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	old := *set
	if err := s.decode(w, r, set); err != nil {
		s.fail(w, r, err)
		return
	}
	if set.Channels.SMTP.Password == "********" {
		set.Channels.SMTP.Password = old.Channels.SMTP.Password
	}
	if set.Channels.SMS.Key == "********" {
		set.Channels.SMS.Key = old.Channels.SMS.Key
	}
	set.HookKey = old.HookKey
	if err := survey.SaveSettings(r.Context(), s.DB, set); err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, set.Redacted())
}
