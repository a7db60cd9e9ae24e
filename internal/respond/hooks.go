package respond

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/notify"
	"github.com/tajrobe/tajrobe/internal/problem"
	"github.com/tajrobe/tajrobe/internal/survey"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

// smsHook takes replies a provider forwards:
// POST /hooks/sms/{provider}?workspace=<id>&key=<hook key>. Providers
// cannot sign, so the workspace's hook key in the URL authenticates them.
// Replies that fit nothing get 200 with the reason, so the provider does
// not retry them forever.
func (h *Handler) smsHook(w http.ResponseWriter, r *http.Request) {
	ws, ok := h.hookWorkspace(w, r, r.URL.Query().Get("workspace"), func(set *survey.Settings) bool {
		return set.CheckHookKey(r.URL.Query().Get("key"))
	})
	if !ok {
		return
	}
	in, err := notify.ParseInbound(r.PathValue("provider"), w, r)
	if err != nil {
		problem.Write(w, r, h.Log, err)
		return
	}
	rep, err := survey.HandleSMSReply(r.Context(), h.DB, ws.ID, ws.Region, in.From, in.Text)
	if err != nil {
		problem.Write(w, r, h.Log, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}

// ivrHook takes keypad answers from a phone system. The body is JSON
// (survey.KeypadAnswer); X-Tajrobe-Timestamp holds Unix seconds and
// X-Tajrobe-Signature the hex HMAC-SHA256, under the hook key, of
// "<timestamp>.<body>"; requests older than five minutes are refused.
func (h *Handler) ivrHook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 16<<10))
	if err != nil {
		problem.Write(w, r, h.Log, errs.E("respond.ivr", errs.TooLarge, "the body is larger than 16 KB"))
		return
	}
	var k survey.KeypadAnswer
	if err := json.Unmarshal(body, &k); err != nil {
		problem.Write(w, r, h.Log, errs.E("respond.ivr", errs.Invalid, "the body must be JSON: %v", err))
		return
	}
	ts := r.Header.Get("X-Tajrobe-Timestamp")
	ws, ok := h.hookWorkspace(w, r, strconv.FormatInt(k.WorkspaceID, 10), func(set *survey.Settings) bool {
		sec, err := strconv.ParseInt(ts, 10, 64)
		age := h.DB.Now().Sub(time.Unix(sec, 0))
		return err == nil && age < 5*time.Minute && age > -5*time.Minute &&
			set.VerifyHook([]byte(ts+"."+string(body)), r.Header.Get("X-Tajrobe-Signature"))
	})
	if !ok {
		return
	}
	res, err := survey.RecordKeypad(r.Context(), h.DB, ws.Region, k)
	if err != nil {
		problem.Write(w, r, h.Log, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// hookWorkspace finds the workspace a hook call names and checks its
// credentials; an unknown workspace and a bad key get the same answer.
func (h *Handler) hookWorkspace(w http.ResponseWriter, r *http.Request, id string, authentic func(*survey.Settings) bool) (*workspace.Workspace, bool) {
	deny := errs.E("respond.hook", errs.Unauthenticated, "the hook key or signature is not valid")
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
		problem.Write(w, r, h.Log, deny)
		return nil, false
	}
	ws, err := workspace.Get(r.Context(), h.DB, n)
	if err != nil {
		problem.Write(w, r, h.Log, deny)
		return nil, false
	}
	set, err := survey.LoadSettings(r.Context(), h.DB, n)
	if err != nil || !authentic(set) {
		problem.Write(w, r, h.Log, deny)
		return nil, false
	}
	return ws, true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
