package survey

import (
	"context"
	"fmt"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// Job kinds the survey package runs on the timer.
const (
	JobSend    = "survey.send"    // send one invitation on its channel
	JobWebhook = "survey.webhook" // deliver one response to the survey's webhook
	JobTrigger = "survey.trigger" // look for new touchpoint events that trigger surveys
)

// sendPayload names the invitation a send job sends.
type sendPayload struct {
	InvitationID int64 `json:"invitation_id"`
}

// ScheduleSend queues a pending invitation for sending at its SendAt, in
// the transaction that created it. It suits Inviter.Schedule.
func ScheduleSend(ctx context.Context, tx *store.Tx, inv *Invitation) error {
	_, err := timer.Enqueue(ctx, tx, JobSend, fmt.Sprint(JobSend, ":", inv.ID), sendPayload{inv.ID}, inv.SendAt, 5)
	return err
}
