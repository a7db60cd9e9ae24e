package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// SMSProvider sends one text message and returns the provider's id for it.
type SMSProvider interface {
	Send(ctx context.Context, to, text string) (string, error)
}

// HTTPProvider is a generic SMS gateway: it POSTs {"to","text","from"} as
// JSON with a bearer key and reads {"id"} back.
type HTTPProvider struct {
	URL, Key, Sender string
	Client           *http.Client
}

// Send posts one message to the gateway.
func (p *HTTPProvider) Send(ctx context.Context, to, text string) (string, error) {
	body, _ := json.Marshal(map[string]string{"to": to, "text": text, "from": p.Sender})
	req, err := http.NewRequestWithContext(ctx, "POST", p.URL, bytes.NewReader(body))
	if err != nil {
		return "", errs.Wrap("notify.HTTPProvider", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if p.Key != "" {
		req.Header.Set("Authorization", "Bearer "+p.Key)
	}
	var out struct {
		ID json.RawMessage `json:"id"`
	}
	if err := call(client(p.Client), req, &out); err != nil {
		return "", err
	}
	return strings.Trim(string(out.ID), `"`), nil
}

// Kavenegar speaks the REST shape of Kavenegar, a common Iranian SMS
// provider: POST {base}/v1/{key}/sms/send.json with receptor, sender and
// message as form fields; the answer carries return.status and entries.
type Kavenegar struct {
	Key, Sender string
	BaseURL     string // default https://api.kavenegar.com
	Client      *http.Client
}

// Send sends one message through Kavenegar.
func (k *Kavenegar) Send(ctx context.Context, to, text string) (string, error) {
	base := k.BaseURL
	if base == "" {
		base = "https://api.kavenegar.com"
	}
	form := url.Values{"receptor": {to}, "sender": {k.Sender}, "message": {text}}
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/v1/"+url.PathEscape(k.Key)+"/sms/send.json",
		strings.NewReader(form.Encode()))
	if err != nil {
		return "", errs.Wrap("notify.Kavenegar", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var out struct {
		Return struct {
			Status  int    `json:"status"`
			Message string `json:"message"`
		} `json:"return"`
		Entries []struct {
			MessageID int64 `json:"messageid"`
		} `json:"entries"`
	}
	if err := call(client(k.Client), req, &out); err != nil {
		return "", err
	}
	if out.Return.Status != 200 || len(out.Entries) == 0 {
		return "", &Rejected{Status: out.Return.Status, Msg: out.Return.Message}
	}
	return strconv.FormatInt(out.Entries[0].MessageID, 10), nil
}

// Rejected is a provider's refusal to send: retrying will not help.
type Rejected struct {
	Status int
	Msg    string
}

func (r *Rejected) Error() string {
	return fmt.Sprintf("the provider refused the message (%d): %s", r.Status, r.Msg)
}

func client(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{Timeout: 15 * time.Second}
}

// call sends req and decodes a JSON answer; 4xx answers are Rejected,
// other failures may be retried.
func call(c *http.Client, req *http.Request, out any) error {
	res, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("reach the SMS provider: %w", err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	switch {
	case res.StatusCode >= 400 && res.StatusCode < 500 && res.StatusCode != 429:
		return &Rejected{Status: res.StatusCode, Msg: string(bytes.TrimSpace(body))}
	case res.StatusCode >= 300:
		return fmt.Errorf("the SMS provider answered %d", res.StatusCode)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("the SMS provider's answer is not JSON: %w", err)
	}
	return nil
}
