package api

import (
	"errors"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/comment"
	"github.com/tajrobe/tajrobe/internal/problem"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// analyzeRequest is a batch of texts to read.
type analyzeRequest struct {
	Texts []string `json:"texts"`
}

// analyzeResponse holds one result per text, in order, and what read them.
type analyzeResponse struct {
	Results []textan.Result `json:"results"`
	comment.Versions
}

func (s *Server) analyzeText(w http.ResponseWriter, r *http.Request) {
	var in analyzeRequest
	if err := s.decode(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	res, v, err := comment.AnalyzeTexts(r.Context(), s.DB, caller(r).Workspace.ID, in.Texts)
	if err != nil {
		s.failBatch(w, r, err)
		return
	}
	respond(w, http.StatusOK, analyzeResponse{Results: res, Versions: v})
}

// failBatch answers a refused batch with each refused text by index.
func (s *Server) failBatch(w http.ResponseWriter, r *http.Request, err error) {
	var be *comment.BatchError
	if !errors.As(err, &be) {
		s.fail(w, r, err)
		return
	}
	d := problem.From(r, be.Err)
	for _, it := range be.Items {
		d.Errors = append(d.Errors, problem.Item{Index: it.Index, Field: "texts", Detail: it.Detail})
	}
	problem.Send(w, d)
}

func (s *Server) getThemes(w http.ResponseWriter, r *http.Request) {
	set, err := comment.Themes(r.Context(), s.DB, caller(r).Workspace.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, set)
}

// themesRequest replaces the workspace's theme set.
type themesRequest struct {
	Themes []textan.Theme `json:"themes"`
}

func (s *Server) putThemes(w http.ResponseWriter, r *http.Request) {
	c := caller(r)
	var in themesRequest
	if err := s.decode(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	set, err := comment.SetThemes(r.Context(), s.DB, c.Workspace.ID, c.Actor(), in.Themes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, set)
}
