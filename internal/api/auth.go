package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/auth"
	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/problem"
	"github.com/tajrobe/tajrobe/internal/workspace"
)

type ctxKey int

const callerKey ctxKey = iota

// Caller is who is making an API request: a key of one workspace.
type Caller struct {
	Key       *auth.Key
	Workspace *workspace.Workspace
}

// Actor names the caller in audit entries.
func (c *Caller) Actor() string { return "key:" + c.Key.Prefix }

// caller returns the authenticated caller of r.
func caller(r *http.Request) *Caller { return r.Context().Value(callerKey).(*Caller) }

// secret wraps h so it runs only for a valid secret key, sent as
// "Authorization: Bearer …", with the key's workspace in the context.
func (s *Server) secret(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := s.authenticate(r)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tajrobe"`)
			problem.Write(w, r, s.Log, err)
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), callerKey, c)))
	})
}

func (s *Server) authenticate(r *http.Request) (*Caller, error) {
	const op = "api.authenticate"
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return nil, errs.E(op, errs.Unauthenticated, "send a secret key as \"Authorization: Bearer tjs_…\"")
	}
	k, err := auth.LookupKey(r.Context(), s.DB, token)
	if err != nil {
		return nil, err
	}
	if k.Kind != auth.SecretKey {
		return nil, errs.E(op, errs.Permission, "a write key can only send events to /v1/*; this endpoint needs a secret key")
	}
	ws, err := workspace.Get(r.Context(), s.DB, k.WorkspaceID)
	if err != nil {
		return nil, err
	}
	return &Caller{Key: k, Workspace: ws}, nil
}
