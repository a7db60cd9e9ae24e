package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/errs"
)

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	f, err := commentFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, next, err := comment.List(r.Context(), s.DB, caller(r).Workspace.ID, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[comment.Analysis]{Data: list, NextCursor: next})
}

// commentFilter reads the list's query parameters.
func commentFilter(r *http.Request) (comment.Filter, error) {
	q := r.URL.Query()
	f := comment.Filter{Touchpoint: q.Get("touchpoint"), Sentiment: q.Get("sentiment"), Theme: q.Get("theme"),
		Source: q.Get("source"), Query: q.Get("q"), Cursor: q.Get("cursor")}
	var err error
	if f.Limit, err = queryLimit(r, 50, comment.MaxList); err != nil {
		return f, err
	}
	if v := q.Get("customer_id"); v != "" {
		if f.CustomerID, err = strconv.ParseInt(v, 10, 64); err != nil || f.CustomerID <= 0 {
			return f, errs.Field("api.comments", "customer_id", "customer_id must be a positive number, not %q", v)
		}
	}
	if f.From, err = commentTime(r, "from"); err != nil {
		return f, err
	}
	f.To, err = commentTime(r, "to")
	return f, err
}

// commentTime parses an RFC 3339 time or a YYYY-MM-DD date (UTC midnight).
func commentTime(r *http.Request, name string) (time.Time, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errs.Field("api.comments", name, "%s must be a date (2026-03-21) or an RFC 3339 time, not %q", name, v)
}

func (s *Server) getComment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := comment.Get(r.Context(), s.DB, caller(r).Workspace.ID, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, a)
}

// correctionRequest is an agent's label for a comment.
type correctionRequest struct {
	Sentiment string `json:"sentiment"`
}

func (s *Server) correctComment(w http.ResponseWriter, r *http.Request) {
	c := caller(r)
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var in correctionRequest
	if err := s.decode(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := comment.Correct(r.Context(), s.DB, c.Workspace.ID, id, in.Sentiment, c.Actor())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, a)
}

func (s *Server) commentThemes(w http.ResponseWriter, r *http.Request) {
	from, err := commentTime(r, "from")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	to, err := commentTime(r, "to")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if to.IsZero() {
		to = s.DB.Now()
	}
	counts, err := comment.ThemesByTouchpoint(r.Context(), s.DB, caller(r).Workspace.ID, from, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, map[string]any{"data": counts})
}
