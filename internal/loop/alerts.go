package loop

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// Alert is one message about a case to one recipient: an e-mail address
// or a webhook URL. Alerts whose every try failed are "dead": the
// dead-letter list an admin reviews.
type Alert struct {
	ID        int64  `json:"id"`
	CaseID    *int64 `json:"case_id"`
	Channel   string `json:"channel"` // email or webhook
	Target    string `json:"target"`
	Subject   string `json:"subject"`
	State     string `json:"state"` // queued, sent, dead
	Attempts  int    `json:"attempts"`
	LastError string `json:"last_error"`
}

// webhookEvent is the JSON body of a case webhook.
type webhookEvent struct {
	Type        string `json:"type"` // case.opened, case.escalated, case.notify
	WorkspaceID int64  `json:"workspace_id"`
	Case        *Case  `json:"case"`
}

// alertCase queues e-mails to the people `to` names (owner, team, lead,
// managers) and one webhook to the team's or workspace's URL.
func alertCase(ctx context.Context, tx *store.Tx, ws *workspace.Workspace, set *Settings, c *Case, event, to string) error {
	emails, err := recipients(ctx, tx, c, to)
	if err != nil {
		return err
	}
	subject, body := alertText(ws.Language, event, c)
	for _, addr := range emails {
		if err := queueAlert(ctx, tx, c.WorkspaceID, &c.ID, "email", addr, subject, body); err != nil {
			return err
		}
	}
	hook, err := webhookFor(ctx, tx, c, set)
	if err != nil || hook == "" {
		return err
	}
	payload, _ := json.Marshal(webhookEvent{Type: "case." + event, WorkspaceID: c.WorkspaceID, Case: c})
	return queueAlert(ctx, tx, c.WorkspaceID, &c.ID, "webhook", hook, "case."+event, string(payload))
}

func alertText(lang, event string, c *Case) (string, string) {
	if locale.IsPersian(lang) {
		verb := map[string]string{"opened": "پرونده‌ی تازه", "escalated": "پرونده‌ی عقب‌افتاده", "assigned": "پرونده‌ی واگذارشده", "notify": "پرونده"}[event]
		return fmt.Sprintf("%s %s: %s", verb, locale.PersianDigits(itoa(c.ID)), c.Reason),
			fmt.Sprintf("پرونده‌ی %s برای مشتری %s\nعلت: %s\nاولویت: %s\n%s", locale.PersianDigits(itoa(c.ID)),
				locale.PersianDigits(itoa(c.CustomerID)), c.Reason, c.Priority, c.Title)
	}
	return fmt.Sprintf("Case %d %s: %s", c.ID, event, c.Reason),
		fmt.Sprintf("Case %d for customer %d\nReason: %s\nPriority: %s\n%s", c.ID, c.CustomerID, c.Reason, c.Priority, c.Title)
}

// queueAlert stores the alert and its delivery job in tx: the alert is
// queued exactly when the change that raised it commits.
func queueAlert(ctx context.Context, tx *store.Tx, wsID int64, caseID *int64, channel, target, subject, body string) error {
	var id int64
	err := tx.QueryRow(ctx, `INSERT INTO case_alerts (workspace_id, case_id, channel, target, subject, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, wsID, caseID, channel, target, subject, body, store.Millis(tx.Now)).Scan(&id)
	if err != nil {
		return errs.Wrap("loop.queueAlert", err)
	}
	_, err = timer.Enqueue(ctx, tx, JobAlert, "alert:"+itoa(id), map[string]int64{"alert_id": id}, tx.Now, 0)
	return err
}

// recipients are the e-mail addresses an alert to `to` goes to. An owner
// alert with no owner goes to the team; a lead alert with no lead, and a
// managers alert, go to the workspace's owners and admins.
func recipients(ctx context.Context, tx *store.Tx, c *Case, to string) ([]string, error) {
	switch {
	case to == "owner" && c.OwnerID != nil:
		return emails(ctx, tx, `SELECT email FROM users WHERE id = ?`, *c.OwnerID)
	case (to == "owner" || to == "team") && c.TeamID != nil:
		return emails(ctx, tx, `SELECT u.email FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = ? ORDER BY u.email`, *c.TeamID)
	case to == "lead" && c.TeamID != nil:
		got, err := emails(ctx, tx, `SELECT u.email FROM teams t JOIN users u ON u.id = t.lead_user_id WHERE t.id = ?`, *c.TeamID)
		if err != nil || len(got) > 0 {
			return got, err
		}
	}
	return managers(ctx, tx, c.WorkspaceID)
}

func managers(ctx context.Context, tx *store.Tx, wsID int64) ([]string, error) {
	return emails(ctx, tx, `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.workspace_id = ? AND m.role IN ('owner', 'admin') ORDER BY u.email`, wsID)
}

func emails(ctx context.Context, tx *store.Tx, query string, arg int64) ([]string, error) {
	rows, err := tx.Query(ctx, query, arg)
	if err != nil {
		return nil, errs.Wrap("loop.recipients", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func webhookFor(ctx context.Context, tx *store.Tx, c *Case, set *Settings) (string, error) {
	if c.TeamID != nil {
		var url string
		if err := tx.QueryRow(ctx, `SELECT webhook_url FROM teams WHERE id = ?`, *c.TeamID).Scan(&url); err != nil {
			return "", errs.Wrap("loop.webhookFor", err)
		}
		if url != "" {
			return url, nil
		}
	}
	return set.WebhookURL, nil
}

// Alerts lists the workspace's alerts in a state, newest first: "dead" is
// the dead-letter list.
func Alerts(ctx context.Context, db *store.DB, wsID int64, state string, limit int) ([]Alert, error) {
	rows, err := db.Query(ctx, `SELECT id, case_id, channel, target, subject, state, attempts, last_error FROM case_alerts
		WHERE workspace_id = ? AND state = ? ORDER BY id DESC LIMIT ?`, wsID, state, limit)
	if err != nil {
		return nil, errs.Wrap("loop.Alerts", err)
	}
	defer rows.Close()
	out := []Alert{}
	for rows.Next() {
		var a Alert
		if err := rows.Scan(&a.ID, &a.CaseID, &a.Channel, &a.Target, &a.Subject, &a.State, &a.Attempts, &a.LastError); err != nil {
			return nil, errs.Wrap("loop.Alerts", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
