package loop

import (
	"context"
	"strings"

	"github.com/tajrobe/tajrobe/internal/store"
)

// Move is one step of a case through its status flow as its history
// records it: from one status to another, and the reason given for a
// reopening.
type Move struct {
	From, To, Reason string
}

// The system notes that record moves read, in English like every system
// note, "Status moved from new to in_progress." and "Reopened from
// closed to in_progress: the reason". ParseMove reads them back so the
// console can show them in its reader's language.
const (
	movePrefix   = "Status moved from "
	reopenPrefix = "Reopened from "
)

// Next lists the statuses a case may move to from status by an update, in
// flow order; closing and reopening have their own calls.
func Next(status string) []string { return append([]string(nil), next[status]...) }

// noteMove records a move in the case's history.
func noteMove(ctx context.Context, tx *store.Tx, c *Case, actor string, m Move) error {
	body := movePrefix + m.From + " to " + m.To + "."
	if m.To == InProgress && (m.From == Closed || m.From == Resolved) && m.Reason != "" {
		body = reopenPrefix + m.From + " to " + m.To + ": " + m.Reason
	}
	_, err := addNote(ctx, tx, c, "system", actor, body)
	return err
}

// ParseMove reads a note that records a move; other notes are not moves.
func ParseMove(n Note) (Move, bool) {
	if n.Kind != "system" {
		return Move{}, false
	}
	if rest, ok := strings.CutPrefix(n.Body, movePrefix); ok {
		from, to, ok := strings.Cut(strings.TrimSuffix(rest, "."), " to ")
		return Move{From: from, To: to}, ok && isStatus(from) && isStatus(to)
	}
	if rest, ok := strings.CutPrefix(n.Body, reopenPrefix); ok {
		head, reason, ok := strings.Cut(rest, ": ")
		from, to, ok2 := strings.Cut(head, " to ")
		return Move{From: from, To: to, Reason: reason}, ok && ok2 && isStatus(from) && isStatus(to)
	}
	return Move{}, false
}

func isStatus(s string) bool { return indexOf(Statuses, s) >= 0 }
