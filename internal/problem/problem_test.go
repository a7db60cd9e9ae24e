package problem

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tajrobe/tajrobe/internal/errs"
)

func TestWrite(t *testing.T) {
	cases := []struct {
		err    error
		status int
		detail string
	}{
		{errs.Field("op", "email", "bad e-mail"), 400, "bad e-mail"},
		{errs.E("op", errs.NotExist, "customer 9 does not exist"), 404, "customer 9 does not exist"},
		{errors.New("disk on fire"), 500, "Something went wrong on our side. It has been logged; quote the request id if it persists."},
	}
	for _, c := range cases {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/api/v1/x", nil)
		Write(rec, r, nil, c.err)
		var d Details
		if err := json.Unmarshal(rec.Body.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if rec.Code != c.status || d.Status != c.status || d.Detail != c.detail || rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%v: %d %+v", c.err, rec.Code, d)
		}
	}
	if Status(errs.E("", errs.RateLimited, "slow down")) != http.StatusTooManyRequests {
		t.Error("rate limited must be 429")
	}
}
