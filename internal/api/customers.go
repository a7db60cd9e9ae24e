package api

import (
	"context"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/journey"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/program"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/timeline"
)

func (s *Server) createCustomer(w http.ResponseWriter, r *http.Request) {
	c := caller(r)
	var in customer.New
	if err := s.decode(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	cust, err := customer.Create(r.Context(), s.DB, c.Workspace.ID, c.Workspace.Region, c.Actor(), in, afterTraits(in.Traits)...)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/customers/"+describeID(cust.ID))
	respond(w, http.StatusCreated, cust)
}

// afterTraits runs the loop's customer rules and the programs' segment and
// date triggers in the transaction that set a customer's traits, when it
// set any.
func afterTraits(traits customer.Traits) []customer.Then {
	if len(traits) == 0 {
		return nil
	}
	return []customer.Then{func(ctx context.Context, tx *store.Tx, ws, id int64) error {
		_, err := loop.OnCustomer(ctx, tx, ws, id)
		return err
	}, program.OnCustomer}
}

func (s *Server) getCustomer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cust, err := customer.Get(r.Context(), s.DB, caller(r).Workspace.ID, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, cust)
}

// lookupParams maps query parameters to identity kinds.
var lookupParams = []struct {
	param string
	kind  customer.Kind
}{
	{"user_id", customer.UserID}, {"email", customer.Email}, {"phone", customer.Phone},
	{"account", customer.Account}, {"card", customer.Card}, {"anonymous_id", customer.AnonymousID},
}

func (s *Server) lookupCustomer(w http.ResponseWriter, r *http.Request) {
	c, q := caller(r), r.URL.Query()
	for _, p := range lookupParams {
		if v := q.Get(p.param); v != "" {
			cust, err := customer.Lookup(r.Context(), s.DB, c.Workspace.ID, c.Workspace.Region, p.kind, v)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			respond(w, http.StatusOK, cust)
			return
		}
	}
	s.fail(w, r, errs.E("api.lookup", errs.Invalid, "give one of email, phone, user_id, anonymous_id, account or card"))
}

func (s *Server) updateCustomer(w http.ResponseWriter, r *http.Request) {
	c := caller(r)
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var p customer.Patch
	if err := s.decode(w, r, &p); err != nil {
		s.fail(w, r, err)
		return
	}
	cust, err := customer.Update(r.Context(), s.DB, c.Workspace.ID, c.Workspace.Region, c.Actor(), id, p, afterTraits(p.Traits)...)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, cust)
}

func (s *Server) customerTimeline(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := queryLimit(r, 50, 500)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cust, err := customer.Get(r.Context(), s.DB, caller(r).Workspace.ID, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sources := append(customer.TimelineSources(s.DB.Dialect), journey.TimelineSource, survey.TimelineSource(s.DB.Dialect),
		comment.TimelineSource(s.DB.Dialect), loop.TimelineSource(s.DB.Dialect))
	entries, next, err := timeline.List(r.Context(), s.DB, cust.Members(), sources, r.URL.Query().Get("cursor"), limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if entries == nil {
		entries = []timeline.Entry{}
	}
	respond(w, http.StatusOK, page[timeline.Entry]{Data: entries, NextCursor: next})
}

// mergeRequest names the customer to merge into the one in the path.
type mergeRequest struct {
	From int64 `json:"from"`
}

func (s *Server) mergeCustomer(w http.ResponseWriter, r *http.Request) {
	c := caller(r)
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in mergeRequest
	if err := s.decode(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.From <= 0 {
		s.fail(w, r, errs.Field("api.merge", "from", "from must be the id of the customer to merge into this one"))
		return
	}
	m, err := customer.MergeInto(r.Context(), s.DB, c.Workspace.ID, id, in.From, c.Actor())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, m)
}

func (s *Server) undoMerge(w http.ResponseWriter, r *http.Request) {
	c := caller(r)
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := customer.Unmerge(r.Context(), s.DB, c.Workspace.ID, id, c.Actor()); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
