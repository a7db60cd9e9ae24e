package api

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
)

func (s *Server) updateCase(w http.ResponseWriter, r *http.Request) {
	caseAction(s, w, r, http.StatusOK, func(tx *store.Tx, c *Caller, id int64, ch *loop.Change) (any, error) {
		return loop.Update(r.Context(), tx, c.Workspace.ID, c.Actor(), id, *ch)
	})
}

type noteBody struct {
	Kind string `json:"kind"`
	Body string `json:"body"`
}

func (s *Server) addCaseNote(w http.ResponseWriter, r *http.Request) {
	caseAction(s, w, r, http.StatusCreated, func(tx *store.Tx, c *Caller, id int64, n *noteBody) (any, error) {
		return loop.AddNote(r.Context(), tx, c.Workspace.ID, id, c.Actor(), n.Kind, n.Body)
	})
}

type assignBody struct {
	OwnerID *int64 `json:"owner_id"`
	TeamID  *int64 `json:"team_id"`
}

func (s *Server) assignCase(w http.ResponseWriter, r *http.Request) {
	caseAction(s, w, r, http.StatusOK, func(tx *store.Tx, c *Caller, id int64, a *assignBody) (any, error) {
		return loop.Assign(r.Context(), tx, c.Workspace, c.Actor(), id, a.OwnerID, a.TeamID)
	})
}

func (s *Server) closeCase(w http.ResponseWriter, r *http.Request) {
	caseAction(s, w, r, http.StatusOK, func(tx *store.Tx, c *Caller, id int64, cl *loop.Closing) (any, error) {
		return loop.Close(r.Context(), tx, c.Workspace, c.Actor(), id, *cl)
	})
}

func (s *Server) reopenCase(w http.ResponseWriter, r *http.Request) {
	caseAction(s, w, r, http.StatusOK, func(tx *store.Tx, c *Caller, id int64, _ *struct{}) (any, error) {
		return loop.Reopen(r.Context(), tx, c.Workspace, c.Actor(), id, "")
	})
}

type recoveryBody struct {
	Score *int `json:"score"`
}

func (s *Server) caseRecovery(w http.ResponseWriter, r *http.Request) {
	caseAction(s, w, r, http.StatusOK, func(tx *store.Tx, c *Caller, id int64, b *recoveryBody) (any, error) {
		if b.Score == nil {
			return nil, fieldErr("score", "send the customer's score after closing")
		}
		return loop.RecordRecovery(r.Context(), tx, c.Workspace.ID, c.Actor(), id, *b.Score)
	})
}
