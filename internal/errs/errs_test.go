package errs

import (
	"errors"
	"fmt"
	"testing"
)

func TestKindSurvivesWrapping(t *testing.T) {
	base := Field("customer.Create", "email", "%q is not an e-mail address", "x@")
	wrapped := fmt.Errorf("api: %w", Wrap("handler", base))
	if got := KindOf(wrapped); got != Invalid {
		t.Fatalf("KindOf = %v, want invalid", got)
	}
	if got := Message(wrapped); got != `"x@" is not an e-mail address` {
		t.Fatalf("Message = %q", got)
	}
	if got := FieldOf(wrapped); got != "email" {
		t.Fatalf("FieldOf = %q", got)
	}
	if !errors.Is(wrapped, base) {
		t.Fatal("errors.Is lost the base error")
	}
}

func TestPlainErrorsAreOther(t *testing.T) {
	if KindOf(errors.New("boom")) != Other || KindOf(nil) != Other {
		t.Fatal("plain errors must have kind Other")
	}
	if Wrap("op", nil) != nil {
		t.Fatal("Wrap(nil) must be nil")
	}
}
