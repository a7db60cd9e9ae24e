package notify

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Inbound is an SMS a customer sent to the business's line.
type Inbound struct {
	From string `json:"from"`
	To   string `json:"to"`
	Text string `json:"text"`
	ID   string `json:"id"`
}

// maxInbound bounds a reply request: an SMS is short.
const maxInbound = 16 << 10

// ParseInbound reads a provider's reply callback: the generic provider
// posts JSON {"from","to","text","id"}; Kavenegar posts (or queries) the
// fields from, to, message and messageid.
func ParseInbound(provider string, w http.ResponseWriter, r *http.Request) (Inbound, error) {
	const op = "notify.ParseInbound"
	r.Body = http.MaxBytesReader(w, r.Body, maxInbound)
	var in Inbound
	switch provider {
	case "http":
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return in, errs.E(op, errs.Invalid, "the body must be JSON with from, to, text and id")
		}
	case "kavenegar":
		if err := r.ParseForm(); err != nil {
			return in, errs.E(op, errs.Invalid, "the body is not a form: %v", err)
		}
		in = Inbound{From: r.Form.Get("from"), To: r.Form.Get("to"), Text: r.Form.Get("message"), ID: r.Form.Get("messageid")}
	default:
		return in, errs.E(op, errs.NotExist, "no SMS provider %q; use http or kavenegar", provider)
	}
	if strings.TrimSpace(in.From) == "" {
		return in, errs.Field(op, "from", "the reply has no sender number")
	}
	return in, nil
}
