package api

import (
	"net/http"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/survey"
)

func (s *Server) listSurveys(w http.ResponseWriter, r *http.Request) {
	list, err := survey.List(r.Context(), s.DB, caller(r).Workspace.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[survey.Survey]{Data: list})
}

func (s *Server) surveyTemplates(w http.ResponseWriter, r *http.Request) {
	out := []survey.Survey{}
	for _, k := range survey.TemplateKeys() {
		t, _ := survey.Template(k)
		out = append(out, t)
	}
	respond(w, http.StatusOK, page[survey.Survey]{Data: out})
}

// createSurvey makes a draft from the body; a template fills whatever the
// body leaves out.
func (s *Server) createSurvey(w http.ResponseWriter, r *http.Request) {
	var in survey.Survey
	if err := s.decode(w, r, &in); err != nil {
		s.fail(w, r, err)
		return
	}
	if in.Template != "" {
		t, err := survey.Template(in.Template)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		in = fillFromTemplate(in, t)
	}
	c := caller(r)
	if err := survey.Create(r.Context(), s.DB, c.Workspace.ID, c.Actor(), &in); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/surveys/"+describeID(in.ID))
	respond(w, http.StatusCreated, in)
}

func fillFromTemplate(in, t survey.Survey) survey.Survey {
	if in.Name == "" {
		in.Name = t.Name
	}
	if len(in.Questions) == 0 {
		in.Questions = t.Questions
	}
	if in.Touchpoint == "" {
		in.Touchpoint = t.Touchpoint
	}
	if !in.Trigger.Active() {
		in.Trigger = t.Trigger
	}
	return in
}

// surveyOf loads the survey named in the path.
func (s *Server) surveyOf(r *http.Request) (*survey.Survey, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return survey.Get(r.Context(), s.DB, caller(r).Workspace.ID, id)
}

func (s *Server) getSurvey(w http.ResponseWriter, r *http.Request) {
	sv, err := s.surveyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, sv)
}

// updateSurvey applies the fields given over the stored survey.
func (s *Server) updateSurvey(w http.ResponseWriter, r *http.Request) {
	sv, err := s.surveyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id, st, slug := sv.ID, sv.Status, sv.PublicSlug
	if err := s.decode(w, r, sv); err != nil {
		s.fail(w, r, err)
		return
	}
	sv.ID, sv.Status, sv.PublicSlug = id, st, slug // changed only by publish and close
	if err := survey.Save(r.Context(), s.DB, caller(r).Actor(), sv); err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, sv)
}

func (s *Server) deleteSurvey(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := caller(r)
	if err := survey.Delete(r.Context(), s.DB, c.Workspace.ID, c.Actor(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) publishSurvey(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := caller(r)
	sv, err := survey.Publish(r.Context(), s.DB, c.Workspace.ID, c.Actor(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, sv)
}

func (s *Server) closeSurvey(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := caller(r)
	if err := survey.Close(r.Context(), s.DB, c.Workspace.ID, c.Actor(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// surveyScores returns NPS, CSAT and CES with their counts, optionally
// for one touchpoint and a time range (?from=, ?to= in RFC 3339).
func (s *Server) surveyScores(w http.ResponseWriter, r *http.Request) {
	sv, err := s.surveyOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f := survey.ScoreFilter{SurveyID: sv.ID, Touchpoint: q.Get("touchpoint")}
	if f.From, err = queryTime(q.Get("from"), "from"); err == nil {
		f.To, err = queryTime(q.Get("to"), "to")
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	scores, err := survey.ComputeScores(r.Context(), s.DB, caller(r).Workspace.ID, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, scores)
}

func queryTime(v, name string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return t, errs.Field("api.queryTime", name, "%s must be a time like 2025-03-01T00:00:00Z", name)
	}
	return t, nil
}
