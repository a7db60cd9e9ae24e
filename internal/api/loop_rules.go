package api

import (
	"net/http"
	"time"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
)

func (s *Server) listLoopRules(w http.ResponseWriter, r *http.Request) {
	all, err := loop.Rules(r.Context(), s.DB, caller(r).Workspace.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[rules.Rule]{Data: all})
}

func (s *Server) getLoopRule(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		var rule *rules.Rule
		if rule, err = loop.GetRule(r.Context(), s.DB, caller(r).Workspace.ID, id); err == nil {
			respond(w, http.StatusOK, rule)
			return
		}
	}
	s.fail(w, r, err)
}

// saveLoopRule creates (POST) or replaces (PUT …/{id}) a rule.
func (s *Server) saveLoopRule(w http.ResponseWriter, r *http.Request) {
	var rule rules.Rule
	if err := s.decode(w, r, &rule); err != nil {
		s.fail(w, r, err)
		return
	}
	id, status, err := saveTarget(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rule.ID = id
	c := caller(r)
	err = s.DB.InTx(r.Context(), func(tx *store.Tx) error { return loop.SaveRule(r.Context(), tx, c.Workspace.ID, c.Actor(), &rule) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, status, rule)
}

func (s *Server) getLoopSettings(w http.ResponseWriter, r *http.Request) {
	var set loop.Settings
	err := s.DB.InTx(r.Context(), func(tx *store.Tx) (err error) {
		set, err = loop.EnsureSettings(r.Context(), tx, caller(r).Workspace)
		return err
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, set)
}

func (s *Server) putLoopSettings(w http.ResponseWriter, r *http.Request) {
	var set loop.Settings
	if err := s.decode(w, r, &set); err != nil {
		s.fail(w, r, err)
		return
	}
	c := caller(r)
	err := s.DB.InTx(r.Context(), func(tx *store.Tx) error { return loop.SaveSettings(r.Context(), tx, c.Workspace.ID, c.Actor(), &set) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, set)
}

// loopMetrics answers ?from=&to= (RFC 3339; the last 30 days by default),
// ?by=team|touchpoint|period and ?period=day|week|month.
func (s *Server) loopMetrics(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	to, err := loopTime(q.Get("to"), "to", s.DB.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	from, err := loopTime(q.Get("from"), "from", to.AddDate(0, 0, -30))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := loop.LoopMetrics(r.Context(), s.DB, caller(r).Workspace, loop.MetricsQuery{From: from, To: to, By: q.Get("by"), Period: q.Get("period")})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[loop.Metrics]{Data: m})
}

func (s *Server) deadLetters(w http.ResponseWriter, r *http.Request) {
	limit, err := queryLimit(r, 100, 500)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	alerts, err := loop.Alerts(r.Context(), s.DB, caller(r).Workspace.ID, "dead", limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	respond(w, http.StatusOK, page[loop.Alert]{Data: alerts})
}

func loopTime(v, field string, def time.Time) (time.Time, error) {
	if v == "" {
		return def, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fieldErr(field, "%s must be an RFC 3339 time, not %q", field, v)
	}
	return t, nil
}
