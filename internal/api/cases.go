package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

// caseView is a case with what an agent needs at hand: its notes, the
// customer's profile and their latest timeline.
type caseView struct {
	*loop.Case
	Notes    []loop.Note        `json:"notes"`
	Customer *customer.Customer `json:"customer"`
	Timeline []timeline.Entry   `json:"timeline"`
}

// listCases filters by ?status= (comma-separated), team_id, owner_id,
// customer_id, priority, reason, touchpoint and overdue=true.
func (s *Server) listCases(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, err := queryLimit(r, 50, 500)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := loop.Filter{Priority: q.Get("priority"), Reason: q.Get("reason"), Touchpoint: q.Get("touchpoint"),
		Overdue: q.Get("overdue") == "true", Cursor: q.Get("cursor"), Limit: limit}
	if v := q.Get("status"); v != "" {
		f.Status = strings.Split(v, ",")
	}
	for name, dst := range map[string]*int64{"team_id": &f.TeamID, "owner_id": &f.OwnerID, "customer_id": &f.CustomerID} {
		if v := q.Get(name); v != "" {
			if *dst, err = strconv.ParseInt(v, 10, 64); err != nil {
				s.fail(w, r, fieldErr(name, "%s must be a number, not %q", name, v))
				return
			}
		}
	}
	cases, next, err := loop.List(r.Context(), s.DB, caller(r).Workspace.ID, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[*loop.Case]{Data: cases, NextCursor: next})
}

func (s *Server) getCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v, err := s.caseView(r, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, v)
}

func (s *Server) caseView(r *http.Request, id int64) (*caseView, error) {
	ws := caller(r).Workspace.ID
	c, err := loop.Get(r.Context(), s.DB, ws, id)
	if err != nil {
		return nil, err
	}
	v := &caseView{Case: c}
	if v.Notes, err = loop.Notes(r.Context(), s.DB, ws, id); err != nil {
		return nil, err
	}
	if v.Customer, err = customer.Get(r.Context(), s.DB, ws, c.CustomerID); err != nil {
		return nil, err
	}
	sources := append(customer.TimelineSources(s.DB.Dialect), journey.TimelineSource, loop.TimelineSource(s.DB.Dialect))
	v.Timeline, _, err = timeline.List(r.Context(), s.DB, v.Customer.Members(), sources, "", 20)
	return v, err
}

func (s *Server) openCase(w http.ResponseWriter, r *http.Request) {
	var o loop.Opening
	if err := s.decode(w, r, &o); err != nil {
		s.fail(w, r, err)
		return
	}
	c := caller(r)
	var opened *loop.Case
	var created bool
	err := s.DB.InTx(r.Context(), func(tx *store.Tx) (err error) {
		opened, created, err = loop.Open(r.Context(), tx, c.Workspace, c.Actor(), &o)
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK // the customer's open case for this reason
	}
	respond(w, status, opened)
}

// caseAction decodes a body into T, runs one change to case {id} in a
// transaction and answers the changed case.
func caseAction[T any](s *Server, w http.ResponseWriter, r *http.Request, status int,
	do func(tx *store.Tx, c *Caller, id int64, body *T) (any, error)) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var body T
	if err := s.decode(w, r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	var out any
	err = s.DB.InTx(r.Context(), func(tx *store.Tx) (err error) {
		out, err = do(tx, caller(r), id, &body)
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, status, out)
}
