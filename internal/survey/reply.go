package survey

import (
	"context"
	"strings"

	"github.com/tajrobe/tajrobe/internal/customer"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/store"
)

// Reply is what an SMS reply did.
type Reply struct {
	Status     string `json:"status"` // answered, commented, unsubscribed, ignored, rejected
	Reason     string `json:"reason,omitempty"`
	ResponseID int64  `json:"response_id,omitempty"`
}

// HandleSMSReply records a customer's reply to a survey text: "11" withdraws
// SMS consent; a number answers the text's question (Persian digits too);
// other words become the comment of a response already scored. A reply
// that fits nothing is ignored, with the reason, and stores nothing.
func HandleSMSReply(ctx context.Context, db *store.DB, workspaceID int64, region, from, text string) (Reply, error) {
	c, err := customer.Lookup(ctx, db, workspaceID, region, customer.Phone, from)
	if errs.Is(err, errs.NotExist) || errs.Is(err, errs.Invalid) {
		return Reply{Status: "ignored", Reason: "the sender is not a known customer"}, nil
	}
	if err != nil {
		return Reply{}, err
	}
	if notify.IsOptOut(text) {
		err := db.InTx(ctx, func(tx *store.Tx) error {
			return customer.RecordConsent(ctx, tx, workspaceID, c.ID, customer.Consent{Channel: "sms", Granted: false,
				Source: "sms-reply", Note: notify.OptOutLine})
		})
		return Reply{Status: "unsubscribed"}, err
	}
	inv, err := latestSMSInvitation(ctx, db, workspaceID, c.Members())
	if errs.Is(err, errs.NotExist) {
		return Reply{Status: "ignored", Reason: "no survey text awaits an answer from this customer"}, nil
	}
	if err != nil {
		return Reply{}, err
	}
	s, err := Get(ctx, db, workspaceID, inv.SurveyID)
	if err != nil {
		return Reply{}, err
	}
	return answerBySMS(ctx, db, s, inv, text)
}

func answerBySMS(ctx context.Context, db *store.DB, s *Survey, inv *Invitation, text string) (Reply, error) {
	sub := &Submission{Survey: s, SourceKey: inv.SourceKey(), InvitationID: inv.ID, CustomerID: inv.CustomerID,
		Touchpoint: inv.Touchpoint, Channel: "sms", Language: inv.Language}
	q := s.First()
	if !isNumber(text) {
		follow := commentQuestion(ctx, db, s, inv)
		if follow == nil {
			return Reply{Status: "ignored", Reason: "the reply is not a number and no comment is awaited"}, nil
		}
		q = follow
	}
	a, err := q.Parse([]string{text})
	if err != nil || a == nil {
		return Reply{Status: "rejected", Reason: errs.Message(err)}, nil
	}
	sub.Answers = []*Answer{a}
	var res Result
	err = db.InTx(ctx, func(tx *store.Tx) error {
		res, err = Submit(ctx, tx, sub)
		return err
	})
	if errs.Is(err, errs.Conflict) {
		return Reply{Status: "ignored", Reason: errs.Message(err)}, nil
	}
	status := "answered"
	if q != s.First() {
		status = "commented"
	}
	return Reply{Status: status, ResponseID: res.ResponseID}, err
}

// commentQuestion returns the text question a scored response now shows,
// where a worded reply belongs.
func commentQuestion(ctx context.Context, db *store.DB, s *Survey, inv *Invitation) *Question {
	r, err := ResponseByKey(ctx, db, inv.WorkspaceID, inv.SourceKey())
	if err != nil {
		return nil
	}
	answers := r.AnswerMap()
	for i := range s.Questions {
		q := &s.Questions[i]
		if q.Kind == Text && q.ShowIf != nil && q.Visible(answers) {
			return q
		}
	}
	return nil
}

func isNumber(text string) bool {
	t := strings.TrimSpace(locale.Clean(text))
	if t == "" {
		return false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// latestSMSInvitation is the newest sent, unexpired SMS invitation to any
// of the customer's ids.
func latestSMSInvitation(ctx context.Context, db *store.DB, workspaceID int64, members []int64) (*Invitation, error) {
	marks := strings.TrimSuffix(strings.Repeat("?,", len(members)), ",")
	args := []any{workspaceID, store.Millis(db.Now())}
	for _, m := range members {
		args = append(args, m)
	}
	inv, err := scanInvitation(db.QueryRow(ctx, `SELECT `+invitationColumns+` FROM survey_invitations
		WHERE workspace_id = ? AND channel = 'sms' AND status = 'sent' AND expires_at > ? AND customer_id IN (`+marks+`)
		ORDER BY sent_at DESC, id DESC LIMIT 1`, args...))
	if isNoRows(err) {
		return nil, errs.E("survey.latestSMSInvitation", errs.NotExist, "no SMS invitation")
	}
	return inv, errs.Wrap("survey.latestSMSInvitation", err)
}
