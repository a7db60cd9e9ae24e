package loop

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/rules"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/textan"
)

// Response is a stored survey response as the loop sees it. The survey
// package (or the page that took the answers) calls OnResponse with it in
// the transaction that committed the response.
type Response struct {
	WorkspaceID int64
	CustomerID  int64 // 0 for an anonymous response: no case can be opened
	ResponseID  int64
	SurveyID    int64
	Touchpoint  string
	Channel     string // web, sms, ivr (keypad), email…
	Answers     []rules.AnswerFact
}

// Event is a recorded event as the loop sees it.
type Event struct {
	WorkspaceID int64
	CustomerID  int64
	EventID     int64
	Name        string
	Touchpoint  string
	Channel     string
	Signal      *int
}

// analyzer scores comment sentiment; built once, safe for concurrent use.
var analyzer = sync.OnceValue(func() *textan.Analyzer { return textan.NewAnalyzer(nil, nil) })

// OnResponse runs the workspace's response rules on r in tx and returns
// the cases it opened (a repeat of an open case's reason is noted on it).
func OnResponse(ctx context.Context, tx *store.Tx, r Response) ([]*Case, error) {
	if r.CustomerID == 0 {
		return nil, nil
	}
	f := &rules.Facts{Trigger: rules.OnResponse, Touchpoint: r.Touchpoint, Channel: r.Channel, SurveyID: r.SurveyID,
		Scores: map[string]int{}, Answers: map[string]rules.AnswerFact{}}
	var comments []string
	src := source{kind: "response", id: r.ResponseID}
	for _, a := range r.Answers {
		f.Answers[a.Question] = a
		if _, scored := scoreMax[a.Kind]; scored && a.Score != nil {
			if _, seen := f.Scores[a.Kind]; !seen {
				f.Scores[a.Kind] = *a.Score
				if src.metric == "" {
					src.metric, src.score = a.Kind, a.Score
				}
			}
		}
		if strings.TrimSpace(a.Text) != "" {
			comments = append(comments, a.Text)
		}
	}
	f.Comment = strings.Join(comments, "\n")
	f.Sentiment = sync.OnceValue(func() string { return analyzer().Analyze(f.Comment).Sentiment })
	return fire(ctx, tx, r.WorkspaceID, r.CustomerID, f, src)
}

// OnEvent runs the workspace's event rules on e in tx. Ingestion calls it
// for events with a negative signal, the only ones loop rules act on.
func OnEvent(ctx context.Context, tx *store.Tx, e Event) ([]*Case, error) {
	f := &rules.Facts{Trigger: rules.OnEvent, Touchpoint: e.Touchpoint, Channel: e.Channel, Event: e.Name, Signal: e.Signal}
	return fire(ctx, tx, e.WorkspaceID, e.CustomerID, f, source{kind: "event", id: e.EventID})
}

// OnCustomer runs the workspace's customer rules after a customer's traits
// changed.
func OnCustomer(ctx context.Context, tx *store.Tx, wsID, customerID int64) ([]*Case, error) {
	f := &rules.Facts{Trigger: rules.OnCustomer}
	return fire(ctx, tx, wsID, customerID, f, source{kind: "customer", id: customerID})
}

// source is what set a run off, recorded on the cases it opens.
type source struct {
	kind   string
	id     int64
	metric string
	score  *int
}

func fire(ctx context.Context, tx *store.Tx, wsID, customerID int64, f *rules.Facts, src source) ([]*Case, error) {
	all, err := Rules(ctx, tx, wsID)
	if err != nil || !anyOn(all, f.Trigger) {
		return nil, err
	}
	ws, err := workspaceIn(ctx, tx, wsID)
	if err != nil {
		return nil, err
	}
	if f.Traits, err = traits(ctx, tx, customerID); err != nil {
		return nil, err
	}
	f.CountSignals = func(tp string, atMost, days int) (int, error) {
		return countSignals(ctx, tx, customerID, tp, atMost, tx.Now.Add(-time.Duration(days)*24*time.Hour))
	}
	r := &run{tx: tx, ws: ws, customerID: customerID, rules: all, src: src}
	if err := r.apply(ctx, f, 0); err != nil {
		return nil, err
	}
	return r.opened, nil
}

func anyOn(all []rules.Rule, trigger string) bool {
	for i := range all {
		if all[i].Enabled && all[i].Trigger.Kind == trigger {
			return true
		}
	}
	return false
}

func traits(ctx context.Context, tx *store.Tx, customerID int64) (map[string]json.RawMessage, error) {
	var raw []byte
	if err := tx.QueryRow(ctx, `SELECT traits FROM customers WHERE id = ?`, customerID).Scan(&raw); err != nil {
		return nil, errs.E("loop.fire", errs.NotExist, "customer %d does not exist", customerID)
	}
	out := map[string]json.RawMessage{}
	return out, json.Unmarshal(raw, &out)
}

// countSignals counts the customer's events with a signal ≤ atMost since.
func countSignals(ctx context.Context, tx *store.Tx, customerID int64, tp string, atMost int, since time.Time) (int, error) {
	q := `SELECT COUNT(*) FROM events WHERE customer_id = ? AND occurred_at >= ? AND signal <= ?`
	args := []any{customerID, store.Millis(since), atMost}
	if tp != "" {
		q += ` AND touchpoint = ?`
		args = append(args, tp)
	}
	var n int
	err := tx.QueryRow(ctx, q, args...).Scan(&n)
	return n, errs.Wrap("loop.countSignals", err)
}
