package api

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
)

func fieldErr(field, msg string, args ...any) error { return errs.Field("api", field, msg, args...) }

func (s *Server) listTeams(w http.ResponseWriter, r *http.Request) {
	teams, err := loop.Teams(r.Context(), s.DB, caller(r).Workspace.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[loop.Team]{Data: teams})
}

// saveTeam creates (POST) or replaces (PUT …/{id}) a team.
func (s *Server) saveTeam(w http.ResponseWriter, r *http.Request) {
	var t loop.Team
	if err := s.decode(w, r, &t); err != nil {
		s.fail(w, r, err)
		return
	}
	id, status, err := saveTarget(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t.ID = id
	c := caller(r)
	var saved *loop.Team
	err = s.DB.InTx(r.Context(), func(tx *store.Tx) (err error) {
		if err = loop.SaveTeam(r.Context(), tx, c.Workspace.ID, c.Actor(), &t); err == nil {
			saved, err = loop.GetTeam(r.Context(), tx, c.Workspace.ID, t.ID)
		}
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, status, saved)
}
