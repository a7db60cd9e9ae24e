package api

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/problem"
	"github.com/tajrobe/tajrobe/internal/track"
)

// maxImportBody bounds one NDJSON import request, after gzip is undone;
// bigger histories go through "tajrobe import events".
const maxImportBody = 1 << 30

// importEvents takes newline-delimited events from a server, committed a
// chunk at a time as the body streams in.
func (s *Server) importEvents(w http.ResponseWriter, r *http.Request) {
	body, err := importBody(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	src, err := s.Track.SourceFor(r.Context(), caller(r).Workspace)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var rejected []track.Rejection
	p, err := s.Track.Import(r.Context(), src, track.NewNDJSON(body, 0, 0), track.Progress{}, track.ImportOptions{
		Done: func(_ track.Progress, rj []track.Rejection) error { rejected = append(rejected, rj...); return nil },
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if len(rejected) > 0 {
		d := problem.From(r, errs.E("track", errs.Invalid, "%d of %d lines were rejected; the other %d events were stored (index is the line number less one)",
			p.Rejected, p.Accepted+p.Rejected, p.Accepted))
		d.Errors = items(rejected, 1000)
		problem.Send(w, d)
		return
	}
	respond(w, http.StatusOK, map[string]int{"accepted": p.Accepted})
}

// importBody undoes gzip and bounds the body's size.
func importBody(r *http.Request) (io.Reader, error) {
	var body io.Reader = r.Body
	switch strings.ToLower(r.Header.Get("Content-Encoding")) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			return nil, errs.E("api.importEvents", errs.Invalid, "the body is not valid gzip: %v", err)
		}
		body = zr
	default:
		return nil, errs.E("api.importEvents", errs.Invalid, "Content-Encoding must be gzip or nothing")
	}
	return io.LimitReader(body, maxImportBody), nil
}
