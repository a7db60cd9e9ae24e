package api

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/problem"
	"github.com/tajrobe/tajrobe/internal/track"
)

// ingest serves one endpoint of the Segment / RudderStack tracking API:
// typ names the single-message endpoints, empty means /v1/batch. It
// answers 200 only once every accepted event is committed.
func (s *Server) ingest(typ string) http.HandlerFunc {
	limit := int64(track.MaxEventBytes)
	if typ == "" {
		limit = track.MaxBatchBytes
	}
	return func(w http.ResponseWriter, r *http.Request) {
		received := s.DB.Now()
		body, err := track.ReadBody(r.Body, r.Header.Get("Content-Encoding"), limit, r.ContentLength)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		src, err := s.writeKey(r, body)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Basic realm="tajrobe"`)
			s.fail(w, r, err)
			return
		}
		events, rejected, err := s.Track.Parse(src, body, typ, received)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if wait, ok := s.Track.Allow(src, len(events)+len(rejected)); !ok {
			s.tooMany(w, r, wait)
			return
		}
		if err := s.Track.Store(r.Context(), events); err != nil {
			s.fail(w, r, err)
			return
		}
		s.accepted(w, r, len(events), rejected)
	}
}

// writeKey authenticates the request as the SDKs do: the write key as the
// HTTP Basic user name, or a writeKey field in the body.
func (s *Server) writeKey(r *http.Request, body []byte) (*track.Source, error) {
	key, _, ok := r.BasicAuth()
	if !ok {
		key = track.BodyWriteKey(body)
	}
	return s.Track.Authenticate(r.Context(), key)
}

// tooMany answers 429 with the wait the sender's retry should honour.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := int(wait.Seconds())
	if time.Duration(secs)*time.Second < wait {
		secs++
	}
	w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
	s.fail(w, r, errs.E("track", errs.RateLimited, "this key sends more events than its limit; wait %d s and send them again", max(secs, 1)))
}

// success is Segment's answer to a request whose events were all taken.
var success = []byte(`{"success":true}` + "\n")

// accepted answers as Segment does when every event was taken, and with a
// 400 problem listing each rejected event by index otherwise. The accepted
// ones are stored either way, so a sender that resends the whole request
// only repeats message ids already stored, which are ignored.
func (s *Server) accepted(w http.ResponseWriter, r *http.Request, n int, rejected []track.Rejection) {
	if len(rejected) == 0 {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(success)
		return
	}
	d := problem.From(r, errs.E("track", errs.Invalid, "%d of %d events were rejected; the other %d were stored",
		len(rejected), n+len(rejected), n))
	d.Errors = items(rejected, 1000)
	problem.Send(w, d)
}

// items turns rejections into problem items, at most max of them.
func items(rejected []track.Rejection, max int) []problem.Item {
	out := make([]problem.Item, 0, min(len(rejected), max))
	for _, rj := range rejected[:min(len(rejected), max)] {
		out = append(out, problem.Item{Index: rj.Index, Field: rj.Field, Detail: rj.Reason})
	}
	if len(rejected) > max {
		out = append(out, problem.Item{Index: -1, Detail: fmt.Sprintf("%d more rejected events not listed", len(rejected)-max)})
	}
	return out
}
