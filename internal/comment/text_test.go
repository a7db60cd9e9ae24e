package comment_test

import (
	"testing"

	"github.com/tajrobe/tajrobe/internal/comment"
)

func TestEventText(t *testing.T) {
	cases := []struct {
		props string
		want  string
	}{
		{`{"review": "خیلی دیر رسید"}`, "خیلی دیر رسید"},
		{`{"body": "", "comment": "late again"}`, "late again"}, // the first non-empty one
		{`{"text": 5, "message": "hello"}`, "hello"},            // a number is no text
		{`{"order_id": "A1", "total": 120000}`, ""},             // no text key
		{`{"note": "says \"review\" inside a value"}`, ""},      // the key test is only a first filter
		{`["review", "body"]`, ""},                              // not an object
		{`{"review": "unclosed`, ""},                            // not JSON
		{``, ""},
	}
	for _, c := range cases {
		if got := comment.EventText([]byte(c.props)); got != c.want {
			t.Errorf("EventText(%s) = %q, want %q", c.props, got, c.want)
		}
		if got := comment.HasText([]byte(c.props)); got != (c.want != "") {
			t.Errorf("HasText(%s) = %v", c.props, got)
		}
	}
}
