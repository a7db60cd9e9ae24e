package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/problem"
	"github.com/tajrobe/tajrobe/internal/survey"
)

// listResponses pages through a survey's responses, newest first, or
// exports every answer as CSV with ?format=csv.
func (s *Server) listResponses(w http.ResponseWriter, r *http.Request) {
	sv, err := s.surveyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ws := caller(r).Workspace.ID
	if r.URL.Query().Get("format") == "csv" || strings.HasPrefix(r.Header.Get("Accept"), "text/csv") {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="survey-`+describeID(sv.ID)+`-responses.csv"`)
		if err := survey.ExportCSV(r.Context(), s.DB, ws, sv.ID, w); err != nil {
			s.Log.ErrorContext(r.Context(), "csv export failed midway", "err", err, "survey", sv.ID)
		}
		return
	}
	limit, err := queryLimit(r, 50, 500)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("cursor"), 10, 64)
	list, err := survey.ListResponses(r.Context(), s.DB, ws, sv.ID, before, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := page[survey.Response]{Data: list}
	if len(list) == limit {
		p.NextCursor = describeID(list[len(list)-1].ID)
	}
	respond(w, http.StatusOK, p)
}

// importRequest is a batch of responses collected elsewhere.
type importRequest struct {
	SurveyID  int64             `json:"survey_id"`
	Responses []survey.Imported `json:"responses"`
}

// importResult reports what an import stored.
type importResult struct {
	Imported int             `json:"imported"`
	Results  []survey.Result `json:"results"`
	Errors   []problem.Item  `json:"errors,omitempty"`
}

// importResponses takes JSON, or CSV (Content-Type: text/csv) with
// ?survey_id=. Valid items are stored; the others are listed by index.
func (s *Server) importResponses(w http.ResponseWriter, r *http.Request) {
	in, err := s.readImport(w, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := caller(r)
	sv, err := survey.Get(r.Context(), s.DB, c.Workspace.ID, in.SurveyID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Responses == nil {
		if in.Responses, err = sv.ParseImportCSV(http.MaxBytesReader(w, r.Body, 32<<20)); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	results, bad, err := survey.Import(r.Context(), s.DB, sv, c.Workspace.Region, in.Responses)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := importResult{Imported: len(results), Results: results, Errors: itemErrors(bad)}
	status := http.StatusOK
	if len(results) == 0 && len(bad) > 0 {
		status = http.StatusBadRequest
	}
	respond(w, status, out)
}

func (s *Server) readImport(w http.ResponseWriter, r *http.Request) (importRequest, error) {
	var in importRequest
	if strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
		id, err := strconv.ParseInt(r.URL.Query().Get("survey_id"), 10, 64)
		if err != nil || id <= 0 {
			return in, errs.Field("api.import", "survey_id", "a CSV import needs ?survey_id=")
		}
		in.SurveyID = id
		return in, nil
	}
	if err := s.decode(w, r, &in); err != nil {
		return in, err
	}
	if len(in.Responses) == 0 || len(in.Responses) > 5000 {
		return in, errs.Field("api.import", "responses", "send 1 to 5000 responses; use CSV for more")
	}
	return in, nil
}

func itemErrors(bad []survey.ItemError) []problem.Item {
	var out []problem.Item
	for _, b := range bad {
		out = append(out, problem.Item{Index: b.Index, Field: errs.FieldOf(b.Err), Detail: describeErr(b.Err)})
	}
	return out
}

func describeErr(err error) string {
	if m := errs.Message(err); m != "" {
		return m
	}
	return err.Error()
}
