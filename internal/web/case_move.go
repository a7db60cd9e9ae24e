package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/loop"
	"github.com/tajrobe/tajrobe/internal/store"
)

// moveCase serves POST /cases/{id}/status: the case moves one step along
// its flow (closing has its own form, as it needs a root cause).
func (c *Console) moveCase(w http.ResponseWriter, r *http.Request, v *View) {
	to := r.PostFormValue("status")
	c.caseAction(w, r, v, "moved", func(tx *store.Tx, id int64) error {
		_, err := loop.Update(r.Context(), tx, v.Workspace.ID, actor(v), id, loop.Change{Status: &to})
		return err
	}, nil)
}

// reopenCase serves POST /cases/{id}/reopen: a resolved or closed case
// goes back to in progress, with the reason written in its history.
func (c *Console) reopenCase(w http.ResponseWriter, r *http.Request, v *View) {
	why := strings.TrimSpace(r.PostFormValue("reason"))
	c.caseAction(w, r, v, "reopened", func(tx *store.Tx, id int64) error {
		if why == "" || utf8.RuneCountInString(why) > 4000 {
			return errs.Field("web.reopen", "reason", "reopening needs a reason of 1 to 4000 characters")
		}
		_, err := loop.Reopen(r.Context(), tx, v.Workspace, actor(v), id, why)
		return err
	}, func(d *caseData) { d.Reason = why })
}

// caseNote is an entry of a case's history: a note, or a move through the
// status flow read from its system note.
type caseNote struct {
	loop.Note
	Move *loop.Move
}

// history reads the moves among a case's notes.
func history(notes []loop.Note) []caseNote {
	out := make([]caseNote, len(notes))
	for i, n := range notes {
		out[i].Note = n
		if m, ok := loop.ParseMove(n); ok {
			out[i].Move = &m
		}
	}
	return out
}
