package survey

import (
	"context"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Invitation statuses.
const (
	InvCreated    = "created"    // a personal link handed to the caller
	InvPending    = "pending"    // waiting to be sent
	InvSent       = "sent"       // sent on its channel
	InvFailed     = "failed"     // sending failed for good
	InvSuppressed = "suppressed" // not sent: contact rule or consent
)

// Invitation asks one customer to answer one survey, on one channel, with
// a personal signed link.
type Invitation struct {
	ID          int64      `json:"id"`
	WorkspaceID int64      `json:"-"`
	SurveyID    int64      `json:"survey_id"`
	CustomerID  int64      `json:"customer_id,omitempty"`
	Channel     string     `json:"channel"`
	Language    string     `json:"language"`
	Address     string     `json:"address,omitempty"`
	Touchpoint  string     `json:"touchpoint,omitempty"`
	Status      string     `json:"status"`
	Detail      string     `json:"detail,omitempty"`
	SendAt      time.Time  `json:"send_at"`
	SentAt      *time.Time `json:"sent_at,omitempty"`
	ExpiresAt   time.Time  `json:"expires_at"`
	CreatedAt   time.Time  `json:"created_at"`
	Token       string     `json:"token,omitempty"`
	URL         string     `json:"url,omitempty"`
}

const invitationColumns = `id, workspace_id, survey_id, customer_id, channel, language, address, touchpoint, status,
	detail, send_at, sent_at, expires_at, created_at`

func scanInvitation(row scanner) (*Invitation, error) {
	inv := &Invitation{}
	var cust *int64
	var sendAt, expires, created int64
	var sent *int64
	err := row.Scan(&inv.ID, &inv.WorkspaceID, &inv.SurveyID, &cust, &inv.Channel, &inv.Language, &inv.Address,
		&inv.Touchpoint, &inv.Status, &inv.Detail, &sendAt, &sent, &expires, &created)
	if err != nil {
		return nil, err
	}
	if cust != nil {
		inv.CustomerID = *cust
	}
	inv.SendAt, inv.ExpiresAt, inv.CreatedAt = store.Time(sendAt), store.Time(expires), store.Time(created)
	if sent != nil {
		t := store.Time(*sent)
		inv.SentAt = &t
	}
	return inv, nil
}

// GetInvitation returns invitation id in any workspace.
func GetInvitation(ctx context.Context, db *store.DB, id int64) (*Invitation, error) {
	inv, err := scanInvitation(db.QueryRow(ctx, `SELECT `+invitationColumns+` FROM survey_invitations WHERE id = ?`, id))
	if isNoRows(err) {
		return nil, errBadToken()
	}
	return inv, errs.Wrap("survey.GetInvitation", err)
}

// Opened is what a personal link opens: the invitation, its survey and
// the workspace's settings.
type Opened struct {
	Invitation *Invitation
	Survey     *Survey
	Settings   *Settings
}

// Open checks a personal token, forged or real, and returns what it opens.
// A forged token and an unknown one get the same answer.
func Open(ctx context.Context, db *store.DB, token string) (*Opened, error) {
	id, sig, err := ParseToken(token)
	if err != nil {
		return nil, err
	}
	inv, err := GetInvitation(ctx, db, id)
	if err != nil {
		return nil, err
	}
	set, err := LoadSettings(ctx, db, inv.WorkspaceID)
	if err != nil {
		return nil, err
	}
	if !set.VerifyToken(id, sig) {
		return nil, errBadToken()
	}
	if db.Now().After(inv.ExpiresAt) {
		return nil, errs.E("survey.Open", errs.Conflict, "this survey link has expired")
	}
	s, err := Get(ctx, db, inv.WorkspaceID, inv.SurveyID)
	if err != nil {
		return nil, err
	}
	return &Opened{Invitation: inv, Survey: s, Settings: set}, nil
}

// SourceKey is the response key of a personal invitation.
func (inv *Invitation) SourceKey() string { return "inv:" + i64(inv.ID) }

// ListInvitations returns a survey's invitations, newest first.
func ListInvitations(ctx context.Context, db *store.DB, workspaceID, surveyID int64, limit int) ([]Invitation, error) {
	rows, err := db.Query(ctx, `SELECT `+invitationColumns+` FROM survey_invitations WHERE workspace_id = ? AND survey_id = ?
		ORDER BY id DESC LIMIT ?`, workspaceID, surveyID, limit)
	if err != nil {
		return nil, errs.Wrap("survey.ListInvitations", err)
	}
	defer rows.Close()
	out := []Invitation{}
	for rows.Next() {
		inv, err := scanInvitation(rows)
		if err != nil {
			return nil, errs.Wrap("survey.ListInvitations", err)
		}
		out = append(out, *inv)
	}
	return out, errs.Wrap("survey.ListInvitations", rows.Err())
}
