package api

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/program"
)

// dryRunProgram walks a chosen or made-up customer through a program, with
// dates, sending nothing.
func (s *Server) dryRunProgram(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var req program.DryRun
	if err == nil {
		err = s.decode(w, r, &req)
	}
	var tr *program.Trace
	if err == nil {
		tr, err = program.Walk(r.Context(), s.DB, caller(r).Workspace, id, req)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, tr)
}

type previewRequest struct {
	Step string `json:"step"`
	program.DryRun
}

// previewProgram fills one message step for a customer.
func (s *Server) previewProgram(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var req previewRequest
	if err == nil {
		err = s.decode(w, r, &req)
	}
	var p *program.Preview
	if err == nil {
		p, err = program.PreviewStep(r.Context(), s.DB, caller(r).Workspace, id, req.Step, req.DryRun)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, p)
}

func (s *Server) programCounts(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var c *program.Counts
	if err == nil {
		c, err = program.CountsOf(r.Context(), s.DB, caller(r).Workspace.ID, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, c)
}

// programHistory answers "why did this customer get this message?".
func (s *Server) programHistory(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var cust int64
	if err == nil {
		cust, err = pathID(r, "customer_id")
	}
	var stays []program.Stay
	if err == nil {
		ws := caller(r).Workspace.ID
		if _, err = program.Get(r.Context(), s.DB, ws, id); err == nil {
			stays, err = program.History(r.Context(), s.DB, ws, id, cust)
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[program.Stay]{Data: stays})
}
