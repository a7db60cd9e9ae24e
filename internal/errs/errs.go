// Package errs gives Tajrobe's errors a kind, so every layer can say what
// went wrong and the edges (HTTP, CLI) can answer a person correctly.
package errs

import (
	"errors"
	"fmt"
)

// Kind classifies an error by what the caller can do about it.
type Kind int

// The kinds of error. Keep the list small: each maps to one HTTP status.
const (
	Other           Kind = iota // an unclassified error
	Invalid                     // bad input from the caller
	NotExist                    // the thing asked for does not exist
	Exist                       // the thing being created already exists
	Conflict                    // the request clashes with the current state
	Permission                  // the caller may not do this
	Unauthenticated             // the caller did not say who they are
	TooLarge                    // the request is bigger than allowed
	RateLimited                 // the caller must slow down
	Internal                    // our fault; logged at the edge
	Unavailable                 // a dependency is down; try again later
)

var kindNames = map[Kind]string{
	Other: "other", Invalid: "invalid", NotExist: "not_found", Exist: "exists",
	Conflict: "conflict", Permission: "forbidden", Unauthenticated: "unauthenticated",
	TooLarge: "too_large", RateLimited: "rate_limited", Internal: "internal",
	Unavailable: "unavailable",
}

// String names the kind, as used in problem type URIs.
func (k Kind) String() string { return kindNames[k] }

// Error is an error with an operation, a kind, an optional field and a
// message a person can act on.
type Error struct {
	Op    string // the operation, e.g. "customer.Create"
	Kind  Kind
	Field string // the input field at fault, if any
	Msg   string // what a person should read
	Err   error  // the underlying error, if any
}

// Error renders the error for logs.
func (e *Error) Error() string {
	s := e.Op
	if e.Msg != "" {
		s = join(s, e.Msg)
	}
	if e.Err != nil {
		s = join(s, e.Err.Error())
	}
	return s
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + ": " + b
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// E builds an error of a kind with a message for people.
func E(op string, kind Kind, msg string, args ...any) *Error {
	return &Error{Op: op, Kind: kind, Msg: fmt.Sprintf(msg, args...)}
}

// Field builds an Invalid error about one input field.
func Field(op, field, msg string, args ...any) *Error {
	return &Error{Op: op, Kind: Invalid, Field: field, Msg: fmt.Sprintf(msg, args...)}
}

// Wrap adds an operation to err, keeping its kind; a nil err stays nil.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Op: op, Kind: KindOf(err), Err: err}
}

// KindOf returns the kind of the first Error in err's chain that has one.
func KindOf(err error) Kind {
	var e *Error
	for err != nil {
		if !errors.As(err, &e) {
			return Other
		}
		if e.Kind != Other {
			return e.Kind
		}
		err = e.Err
	}
	return Other
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return KindOf(err) == k }

// Message returns the first message meant for people in err's chain.
func Message(err error) string {
	var e *Error
	for err != nil && errors.As(err, &e) {
		if e.Msg != "" {
			return e.Msg
		}
		err = e.Err
	}
	return ""
}

// FieldOf returns the input field the error is about, if any.
func FieldOf(err error) string {
	var e *Error
	for err != nil && errors.As(err, &e) {
		if e.Field != "" {
			return e.Field
		}
		err = e.Err
	}
	return ""
}
