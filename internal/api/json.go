package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/problem"
	"github.com/tajrobe/tajrobe/internal/store"
)

// decode reads a JSON body into v, refusing unknown fields, trailing data
// and bodies over the server's limit, with messages a person can act on.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) error {
	const op = "api.decode"
	body := http.MaxBytesReader(w, r.Body, s.MaxBody)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	var tooBig *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.As(err, &tooBig):
		return errs.E(op, errs.TooLarge, "the body is larger than %d bytes", s.MaxBody)
	case errors.Is(err, io.EOF):
		return errs.E(op, errs.Invalid, "the body is empty; send a JSON object")
	case errors.As(err, &syntax):
		return errs.E(op, errs.Invalid, "the body is not valid JSON (at byte %d)", syntax.Offset)
	case errors.As(err, &typ):
		return errs.Field(op, typ.Field, "%s must be %s, not %s", typ.Field, typ.Type, typ.Value)
	default:
		return errs.E(op, errs.Invalid, "the body could not be read: %v", err)
	}
	if dec.More() {
		return errs.E(op, errs.Invalid, "the body has data after the JSON object")
	}
	return nil
}

// respond writes v as JSON with status.
func respond(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// fail writes err as a problem.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	problem.Write(w, r, s.Log, err)
}

// pathID parses a numeric id from the URL path.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, errs.Field("api.pathID", name, "%s must be a positive number, not %q", name, r.PathValue(name))
	}
	return id, nil
}

// queryLimit parses ?limit= within [1, max], defaulting to def.
func queryLimit(r *http.Request, def, max int) (int, error) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > max {
		return 0, errs.Field("api.limit", "limit", "limit must be a number from 1 to %d", max)
	}
	return n, nil
}

// page is a list response with a cursor for the next page.
type page[T any] struct {
	Data       []T    `json:"data"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// saveTarget reads what a save handler writes: a new record (POST, no id:
// 0 and 201 Created) or the record {id} in the path (PUT: its id and 200).
func saveTarget(r *http.Request) (int64, int, error) {
	if r.PathValue("id") == "" {
		return 0, http.StatusCreated, nil
	}
	id, err := pathID(r, "id")
	return id, http.StatusOK, err
}

// deleteByID answers DELETE …/{id} by running del on the caller's
// workspace in one transaction: 204 when it is gone, a problem otherwise.
func (s *Server) deleteByID(del func(ctx context.Context, tx *store.Tx, workspaceID int64, actor string, id int64) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		c := caller(r)
		if err == nil {
			err = s.DB.InTx(r.Context(), func(tx *store.Tx) error { return del(r.Context(), tx, c.Workspace.ID, c.Actor(), id) })
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}
