package api

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/problem"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// inviteResult lists the invitations made and the recipients refused.
type inviteResult struct {
	Data   []survey.Invited `json:"data"`
	Errors []problem.Item   `json:"errors,omitempty"`
}

// createInvitations makes personal links, or queues sending on a channel.
func (s *Server) createInvitations(w http.ResponseWriter, r *http.Request) {
	sv, err := s.surveyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var req survey.InviteRequest
	if err := s.decode(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	iv := &survey.Inviter{DB: s.DB, Workspace: caller(r).Workspace, BaseURL: publicBase(r), Schedule: survey.ScheduleSend}
	done, bad, err := iv.Invite(r.Context(), sv, req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if done == nil {
		done = []survey.Invited{}
	}
	respond(w, http.StatusCreated, inviteResult{Data: done, Errors: itemErrors(bad)})
}

func (s *Server) listInvitations(w http.ResponseWriter, r *http.Request) {
	sv, err := s.surveyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := queryLimit(r, 100, 1000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := survey.ListInvitations(r.Context(), s.DB, caller(r).Workspace.ID, sv.ID, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[survey.Invitation]{Data: list})
}

// publicBase is the scheme and host the caller reached us on, for links.
func publicBase(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
