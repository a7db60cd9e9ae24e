// Package problem writes errors as RFC 9457 problem details
// (application/problem+json), with a message a person can act on.
package problem

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// Details is an RFC 9457 problem body, with Tajrobe's extensions.
type Details struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	Field    string `json:"field,omitempty"`      // the input field at fault
	Request  string `json:"request_id,omitempty"` // quote it when asking for help
	Errors   []Item `json:"errors,omitempty"`     // per-item errors of a batch
}

// Item is one rejected element of a batch.
type Item struct {
	Index  int    `json:"index"`
	Field  string `json:"field,omitempty"`
	Detail string `json:"detail"`
}

// statusOf maps each error kind to one HTTP status.
var statusOf = map[errs.Kind]int{
	errs.Invalid:         http.StatusBadRequest,
	errs.NotExist:        http.StatusNotFound,
	errs.Exist:           http.StatusConflict,
	errs.Conflict:        http.StatusConflict,
	errs.Permission:      http.StatusForbidden,
	errs.Unauthenticated: http.StatusUnauthorized,
	errs.TooLarge:        http.StatusRequestEntityTooLarge,
	errs.RateLimited:     http.StatusTooManyRequests,
	errs.Unavailable:     http.StatusServiceUnavailable,
}

// Status returns the HTTP status for err.
func Status(err error) int {
	if s, ok := statusOf[errs.KindOf(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// From builds the problem for err. Internal errors say nothing of their
// cause to the caller; the log has it.
func From(r *http.Request, err error) Details {
	status := Status(err)
	d := Details{
		Type:     "https://tajrobe.dev/problems/" + errs.KindOf(err).String(),
		Title:    http.StatusText(status),
		Status:   status,
		Instance: r.URL.Path,
		Request:  RequestID(r),
	}
	if status == http.StatusInternalServerError {
		d.Type = "https://tajrobe.dev/problems/internal"
		d.Detail = "Something went wrong on our side. It has been logged; quote the request id if it persists."
		return d
	}
	d.Detail = errs.Message(err)
	if d.Detail == "" {
		d.Detail = err.Error()
	}
	d.Field = errs.FieldOf(err)
	return d
}

// Write sends err as a problem response; errors of ours are logged here,
// once, at the edge.
func Write(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	d := From(r, err)
	if d.Status >= 500 && log != nil {
		log.ErrorContext(r.Context(), "request failed", "err", err, "path", r.URL.Path, "request_id", d.Request)
	}
	Send(w, d)
}

// Send writes a problem body.
func Send(w http.ResponseWriter, d Details) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(d.Status)
	json.NewEncoder(w).Encode(d)
}

// RequestID returns the request's id, set by the request-id middleware.
func RequestID(r *http.Request) string { return r.Header.Get("X-Request-Id") }
