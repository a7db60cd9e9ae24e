package track

import (
	"strings"
	"testing"

	"github.com/tajrobe/tajrobe/internal/errs"
)

func TestReadBodyByItsDeclaredLength(t *testing.T) {
	b, err := ReadBody(strings.NewReader(`{"a":1}`), "", 100, 7)
	if err != nil || string(b) != `{"a":1}` {
		t.Fatalf("ReadBody = %q, %v", b, err)
	}
	if _, err := ReadBody(strings.NewReader(`{"a"`), "", 100, 7); errs.KindOf(err) != errs.Invalid {
		t.Errorf("a body shorter than its Content-Length: err = %v, want Invalid", err)
	}
	if _, err := ReadBody(strings.NewReader(`{}`), "", 100, 101); errs.KindOf(err) != errs.TooLarge {
		t.Errorf("a Content-Length over the limit: err = %v, want TooLarge", err)
	}
	if _, err := ReadBody(strings.NewReader(strings.Repeat("x", 101)), "", 100, -1); errs.KindOf(err) != errs.TooLarge {
		t.Errorf("an undeclared body over the limit: err = %v, want TooLarge", err)
	}
}
