package survey

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/store"
	"github.com/tajrobe/tajrobe/internal/timer"
)

// webhookPayload names the response a webhook job delivers.
type webhookPayload struct {
	SurveyID   int64 `json:"survey_id"`
	ResponseID int64 `json:"response_id"`
}

// enqueueWebhook queues delivery of a newly completed response, in the
// transaction that completed it.
func enqueueWebhook(ctx context.Context, tx *store.Tx, s *Survey, responseID int64) error {
	key := fmt.Sprint(JobWebhook, ":", responseID)
	_, err := timer.Enqueue(ctx, tx, JobWebhook, key, webhookPayload{s.ID, responseID}, tx.Now, 10)
	return err
}

// Webhooks delivers responses to survey webhooks, signed so receivers
// can trust them: header Tajrobe-Signature is "t=<unix seconds>,v1=<hex
// HMAC-SHA256 of "<t>.<body>" under the survey's webhook secret>".
type Webhooks struct {
	DB     *store.DB
	Client *http.Client
}

// Event is the body a webhook receives.
type Event struct {
	Type     string    `json:"type"`
	SurveyID int64     `json:"survey_id"`
	Response *Response `json:"response"`
}

// Run is the timer handler of JobWebhook; a failure is retried with backoff.
func (wh *Webhooks) Run(ctx context.Context, j timer.Job) error {
	var p webhookPayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return timer.Permanent(err)
	}
	s, r, err := wh.load(ctx, p)
	if err != nil || s.WebhookURL == "" {
		return err
	}
	body, _ := json.Marshal(Event{Type: "survey.response.completed", SurveyID: s.ID, Response: r})
	req, err := http.NewRequestWithContext(ctx, "POST", s.WebhookURL, bytes.NewReader(body))
	if err != nil {
		return timer.Permanent(err)
	}
	ts := strconv.FormatInt(wh.DB.Now().Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Tajrobe-Signature", "t="+ts+",v1="+SignWebhook(s.WebhookSecret, ts, body))
	req.Header.Set("Tajrobe-Delivery", strconv.FormatInt(j.ID, 10))
	c := wh.Client
	if c == nil {
		c = &http.Client{Timeout: 15 * time.Second}
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("webhook %s answered %d", s.WebhookURL, res.StatusCode)
	}
	return nil
}

func (wh *Webhooks) load(ctx context.Context, p webhookPayload) (*Survey, *Response, error) {
	var ws int64
	if err := wh.DB.QueryRow(ctx, `SELECT workspace_id FROM surveys WHERE id = ?`, p.SurveyID).Scan(&ws); err != nil {
		if isNoRows(err) {
			return nil, nil, timer.Permanent(err)
		}
		return nil, nil, err
	}
	s, err := Get(ctx, wh.DB, ws, p.SurveyID)
	if err != nil {
		return nil, nil, err
	}
	list, err := ListResponses(ctx, wh.DB, ws, p.SurveyID, p.ResponseID+1, 1)
	if err != nil || len(list) == 0 || list[0].ID != p.ResponseID {
		return nil, nil, timer.Permanent(fmt.Errorf("response %d is gone", p.ResponseID))
	}
	return s, &list[0], nil
}

// SignWebhook returns the hex HMAC-SHA256 of "<ts>.<body>" under secret.
func SignWebhook(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "."))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}
