package loop

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/tajrobe/tajrobe/internal/audit"
	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Closing is what closing a case records and sends.
type Closing struct {
	RootCause  string `json:"root_cause"` // a key of the workspace's root causes
	Resolution string `json:"resolution"` // what was done
	Message    string `json:"message"`    // "you said, we did", e-mailed to the customer if set
	Resurvey   bool   `json:"resurvey"`   // ask the customer the case's question again
}

// Close closes a case with its root cause and resolution note, and queues
// the customer's message and re-survey. Nothing changes if any part is
// missing or wrong.
func Close(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, actor string, id int64, cl Closing) (*Case, error) {
	const op = "loop.Close"
	set, err := EnsureSettings(ctx, tx, ws)
	if err != nil {
		return nil, err
	}
	if _, ok := set.cause(cl.RootCause); !ok {
		return nil, errs.Field(op, "root_cause", "closing needs a root cause from this workspace's list (%s), not %q", causeList(&set), cl.RootCause)
	}
	if cl.Resolution = strings.TrimSpace(cl.Resolution); cl.Resolution == "" || utf8.RuneCountInString(cl.Resolution) > 4000 {
		return nil, errs.Field(op, "resolution", "closing needs a resolution note of 1 to 4000 characters: what was done")
	}
	c, err := lockOpen(ctx, tx, ws.ID, id)
	if err != nil {
		return nil, err
	}
	var token any
	if cl.Resurvey {
		token = auth.RandomToken(18)
	}
	now := store.Millis(tx.Now)
	_, err = tx.Exec(ctx, `UPDATE cases SET status = 'closed', root_cause = ?, resolution = ?, closed_at = ?,
		resolved_at = COALESCE(resolved_at, ?), first_response_at = COALESCE(first_response_at, ?),
		resurvey_token = COALESCE(?, resurvey_token), updated_at = ? WHERE id = ?`,
		cl.RootCause, cl.Resolution, now, now, now, token, now, id)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	if err := noteMove(ctx, tx, c, actor, Move{From: c.Status, To: Closed}); err != nil {
		return nil, err
	}
	if err := tellCustomer(ctx, tx, ws, c, cl, token); err != nil {
		return nil, err
	}
	if err := audit.Record(ctx, tx, ws.ID, actor, "case.close", caseSubject(id), cl); err != nil {
		return nil, err
	}
	return Get(ctx, tx, ws.ID, id)
}

func causeList(s *Settings) string {
	keys := make([]string, len(s.RootCauses))
	for i, rc := range s.RootCauses {
		keys[i] = rc.Key
	}
	return strings.Join(keys, ", ")
}

// tellCustomer queues the "you said, we did" e-mail, with the re-survey
// question, to the customer's e-mail address if they have one.
func tellCustomer(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, c *Case, cl Closing, token any) error {
	if cl.Message == "" && token == nil {
		return nil
	}
	var addr string
	tx.QueryRow(ctx, `SELECT value FROM identities WHERE customer_id = ? AND kind = 'email' ORDER BY id LIMIT 1`, c.CustomerID).Scan(&addr)
	if addr == "" {
		_, err := addNote(ctx, tx, c, "system", "system", "The customer has no e-mail address; tell them by phone.")
		return err
	}
	subject, body := customerText(ws.Language, cl.Message, c.Metric, token)
	return queueAlert(ctx, tx, c.WorkspaceID, &c.ID, "email", addr, subject, body)
}

func customerText(lang, msg, metric string, token any) (string, string) {
	if lang == "fa" {
		body := msg
		if token != nil {
			body += "\n\nحالا چقدر از ما راضی هستید؟ پاسخ این ایمیل را با یک عدد بفرستید. کد: " + token.(string)
		}
		return "شما گفتید، ما انجام دادیم", body
	}
	body := msg
	if token != nil {
		body += "\n\nHow do you feel about us now? Reply with a score (" + metric + "). Code: " + token.(string)
	}
	return "You said, we did", body
}

// RecordRecovery stores the customer's score after the case was closed;
// with the score before, it is the case's recovery.
func RecordRecovery(ctx context.Context, tx *store.Tx, wsID int64, actor string, id int64, score int) (*Case, error) {
	const op = "loop.RecordRecovery"
	c, err := Get(ctx, tx, wsID, id)
	if err != nil {
		return nil, err
	}
	if c.Status != Closed {
		return nil, errs.E(op, errs.Conflict, "case %d is not closed yet; recovery is measured after closing", id)
	}
	if hi := scoreMax[c.Metric]; score < 0 || (hi > 0 && score > hi) {
		return nil, errs.Field(op, "score", "a %s score runs up to %d, not %d", c.Metric, hi, score)
	}
	_, err = tx.Exec(ctx, `UPDATE cases SET score_after = ?, updated_at = ? WHERE id = ?`, score, store.Millis(tx.Now), id)
	if err != nil {
		return nil, errs.Wrap(op, err)
	}
	if err := audit.Record(ctx, tx, wsID, actor, "case.recovery", caseSubject(id), map[string]int{"score": score}); err != nil {
		return nil, err
	}
	return Get(ctx, tx, wsID, id)
}

// RecordRecoveryByToken stores the re-survey answer the customer sent with
// the code of their closing message.
func RecordRecoveryByToken(ctx context.Context, tx *store.Tx, token string, score int) (*Case, error) {
	var wsID, id int64
	if err := tx.QueryRow(ctx, `SELECT workspace_id, id FROM cases WHERE resurvey_token = ?`, token).Scan(&wsID, &id); err != nil {
		return nil, errs.E("loop.RecordRecoveryByToken", errs.NotExist, "no case asked this question")
	}
	return RecordRecovery(ctx, tx, wsID, "customer", id, score)
}

var scoreMax = map[string]int{"nps": 10, "csat": 5, "ces": 7}

// recovered reports whether a score after closing is out of the unhappy
// band of its metric: NPS 7+, CSAT 4+, CES 5+.
func recovered(metric string, after int) bool {
	return after >= map[string]int{"nps": 7, "csat": 4, "ces": 5}[metric]
}
