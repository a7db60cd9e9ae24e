package survey

import (
	"context"
	"fmt"
	"time"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// decide sets the invitation's status: suppressed when the customer
// withdrew consent on its channel or was invited within the cooldown on
// any channel; otherwise created (a link) or pending (to send).
func decide(ctx context.Context, tx *store.Tx, set *Settings, c *customer.Customer, inv *Invitation) error {
	inv.Status = InvPending
	if inv.Channel == "link" {
		inv.Status = InvCreated
	}
	if withdrew(c, inv.Channel) {
		inv.Status, inv.Detail = InvSuppressed, "the customer withdrew consent to "+inv.Channel
		return nil
	}
	last, err := lastContact(ctx, tx, inv.WorkspaceID, c.ID, inv.SendAt.AddDate(0, 0, -set.CooldownDays))
	if err != nil || last.IsZero() {
		return err
	}
	inv.Status = InvSuppressed
	inv.Detail = fmt.Sprintf("contact rule: already invited on %s, within %d days", last.Format("2006-01-02"), set.CooldownDays)
	return nil
}

// withdrew reports whether the customer's latest word on channel is no.
func withdrew(c *customer.Customer, channel string) bool {
	for _, k := range c.Consent {
		if k.Channel == channel {
			return !k.Granted
		}
	}
	return false
}

// lastContact returns the latest invitation to the customer after since,
// or the zero time. On PostgreSQL it first locks the customer's contact
// record so two nodes cannot both decide the customer is free.
func lastContact(ctx context.Context, tx *store.Tx, workspaceID, customerID int64, since time.Time) (time.Time, error) {
	if tx.Dialect() == store.Postgres {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", fmt.Sprint("survey-contact|", customerID)); err != nil {
			return time.Time{}, err
		}
	}
	var last *int64
	err := tx.QueryRow(ctx, `SELECT MAX(send_at) FROM survey_invitations WHERE workspace_id = ? AND customer_id = ?
		AND status IN ('created', 'pending', 'sent') AND send_at > ?`, workspaceID, customerID, store.Millis(since)).Scan(&last)
	if err != nil || last == nil {
		return time.Time{}, err
	}
	return store.Time(*last), nil
}

func insertInvitation(ctx context.Context, tx *store.Tx, inv *Invitation, dedupe string) error {
	var key any
	if dedupe != "" {
		key = dedupe
	}
	inv.CreatedAt = tx.Now
	err := tx.QueryRow(ctx, `INSERT INTO survey_invitations (workspace_id, survey_id, customer_id, channel, language, address,
		touchpoint, dedupe_key, status, detail, send_at, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (workspace_id, dedupe_key) DO NOTHING RETURNING id`, inv.WorkspaceID, inv.SurveyID, nullInt(inv.CustomerID), inv.Channel, inv.Language, inv.Address,
		inv.Touchpoint, key, inv.Status, inv.Detail, store.Millis(inv.SendAt), store.Millis(inv.ExpiresAt),
		store.Millis(tx.Now)).Scan(&inv.ID)
	if isNoRows(err) {
		return errs.E("survey.Invite", errs.Exist, "an invitation for %s exists already", dedupe)
	}
	return err
}
