package api

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
)

func (s *Server) listPrograms(w http.ResponseWriter, r *http.Request) {
	all, err := program.List(r.Context(), s.DB, caller(r).Workspace.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[program.Program]{Data: all})
}

func (s *Server) getProgram(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		var p *program.Program
		if p, err = program.Get(r.Context(), s.DB, caller(r).Workspace.ID, id); err == nil {
			respond(w, http.StatusOK, p)
			return
		}
	}
	s.fail(w, r, err)
}

// saveProgram creates (POST) or edits (PUT …/{id}) a program; editing a
// running one makes a new version.
func (s *Server) saveProgram(w http.ResponseWriter, r *http.Request) {
	var p program.Program
	if err := s.decode(w, r, &p); err != nil {
		s.fail(w, r, err)
		return
	}
	id, status, err := saveTarget(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.ID = id
	c := caller(r)
	err = s.DB.InTx(r.Context(), func(tx *store.Tx) error { return program.Save(r.Context(), tx, c.Workspace, c.Actor(), &p) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, status, p)
}

// programStatus answers POST …/activate, …/pause, …/resume and …/archive.
func (s *Server) programStatus(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		c := caller(r)
		var p *program.Program
		if err == nil {
			err = s.DB.InTx(r.Context(), func(tx *store.Tx) (err error) {
				p, err = program.SetStatus(r.Context(), tx, c.Workspace, c.Actor(), id, to)
				return err
			})
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		respond(w, http.StatusOK, p)
	}
}

type enterRequest struct {
	CustomerID int64          `json:"customer_id"`
	Properties map[string]any `json:"properties"`
}

// enterProgram is the API trigger: one customer enters now.
func (s *Server) enterProgram(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var req enterRequest
	if err == nil {
		err = s.decode(w, r, &req)
	}
	c := caller(r)
	entered := false
	if err == nil {
		err = s.DB.InTx(r.Context(), func(tx *store.Tx) (err error) {
			entered, err = program.EnterByAPI(r.Context(), tx, c.Workspace, id, req.CustomerID, req.Properties)
			return err
		})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, map[string]bool{"entered": entered})
}

func (s *Server) getProgramSettings(w http.ResponseWriter, r *http.Request) {
	var set program.Settings
	err := s.DB.InTx(r.Context(), func(tx *store.Tx) (err error) {
		set, err = program.LoadSettings(r.Context(), tx, caller(r).Workspace.ID)
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, set)
}

func (s *Server) putProgramSettings(w http.ResponseWriter, r *http.Request) {
	var set program.Settings
	if err := s.decode(w, r, &set); err != nil {
		s.fail(w, r, err)
		return
	}
	err := s.DB.InTx(r.Context(), func(tx *store.Tx) error { return program.SaveSettings(r.Context(), tx, caller(r).Workspace.ID, &set) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, set)
}
