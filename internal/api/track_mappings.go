package api

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/track"
)

func (s *Server) listEventMappings(w http.ResponseWriter, r *http.Request) {
	ms, err := track.ListMappings(r.Context(), s.DB, caller(r).Workspace.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[track.Mapping]{Data: ms})
}

func (s *Server) getEventMapping(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := track.GetMapping(r.Context(), s.DB, caller(r).Workspace.ID, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, m)
}

func (s *Server) createEventMapping(w http.ResponseWriter, r *http.Request) {
	var m track.Mapping
	if err := s.decode(w, r, &m); err != nil {
		s.fail(w, r, err)
		return
	}
	c := caller(r)
	if err := s.Track.CreateMapping(r.Context(), c.Workspace.ID, c.Actor(), &m); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/event-mappings/"+describeID(m.ID))
	respond(w, http.StatusCreated, m)
}

// updateEventMapping applies the fields given over the stored mapping.
func (s *Server) updateEventMapping(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := caller(r)
	m, err := track.GetMapping(r.Context(), s.DB, c.Workspace.ID, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.decode(w, r, m); err != nil {
		s.fail(w, r, err)
		return
	}
	m.ID = id
	if err := s.Track.SaveMapping(r.Context(), c.Workspace.ID, c.Actor(), m); err != nil {
		s.fail(w, r, err)
		return
	}
	if m, err = track.GetMapping(r.Context(), s.DB, c.Workspace.ID, id); err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, m)
}

func (s *Server) deleteEventMapping(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := caller(r)
	if err := s.Track.DeleteMapping(r.Context(), c.Workspace.ID, c.Actor(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
