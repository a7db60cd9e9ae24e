package api

import (
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/store"
)

func describeID(id int64) string { return strconv.FormatInt(id, 10) }

func (s *Server) listTouchpoints(w http.ResponseWriter, r *http.Request) {
	tps, err := journey.ListTouchpoints(r.Context(), s.DB, caller(r).Workspace.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[journey.Touchpoint]{Data: tps})
}

func (s *Server) getTouchpoint(w http.ResponseWriter, r *http.Request) {
	tp, err := journey.GetTouchpoint(r.Context(), s.DB, caller(r).Workspace.ID, r.PathValue("key"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, tp)
}

func (s *Server) createTouchpoint(w http.ResponseWriter, r *http.Request) {
	var tp journey.Touchpoint
	if err := s.decode(w, r, &tp); err != nil {
		s.fail(w, r, err)
		return
	}
	ws := caller(r).Workspace.ID
	err := s.DB.InTx(r.Context(), func(tx *store.Tx) error { return journey.CreateTouchpoint(r.Context(), tx, ws, &tp) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/touchpoints/"+tp.Key)
	respond(w, http.StatusCreated, tp)
}

// updateTouchpoint applies the fields given over the stored touchpoint.
func (s *Server) updateTouchpoint(w http.ResponseWriter, r *http.Request) {
	ws := caller(r).Workspace.ID
	tp, err := journey.GetTouchpoint(r.Context(), s.DB, ws, r.PathValue("key"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key := tp.Key
	if err := s.decode(w, r, tp); err != nil {
		s.fail(w, r, err)
		return
	}
	tp.Key = key // the key names the touchpoint in recorded events; it never changes
	if err := journey.SaveTouchpoint(r.Context(), s.DB, ws, tp); err != nil {
		s.fail(w, r, err)
		return
	}
	tp, err = journey.GetTouchpoint(r.Context(), s.DB, ws, key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, tp)
}

func (s *Server) deleteTouchpoint(w http.ResponseWriter, r *http.Request) {
	if err := journey.DeleteTouchpoint(r.Context(), s.DB, caller(r).Workspace.ID, r.PathValue("key")); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
