// Package customer is Tajrobe's memory of each customer: a profile with
// free traits, the identities that find it from any channel, and consent.
package customer

import (
	"net/mail"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
	"github.com/tajrobe/tajrobe/internal/locale"
)

// Kind is a kind of identity.
type Kind string

// The identity kinds, strongest first: when one call carries identities of
// two customers, the stronger identity decides which customer it lands on.
const (
	UserID      Kind = "user_id"
	Email       Kind = "email"
	Phone       Kind = "phone"
	Account     Kind = "account"
	Card        Kind = "card"
	AnonymousID Kind = "anonymous_id"
)

// Kinds lists every identity kind, strongest first.
var Kinds = []Kind{UserID, Email, Phone, Account, Card, AnonymousID}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k.rank() >= 0 }

func (k Kind) rank() int {
	for i, kk := range Kinds {
		if kk == k {
			return i
		}
	}
	return -1
}

// Identity is one way to recognise a customer.
type Identity struct {
	Kind  Kind   `json:"kind"`
	Value string `json:"value"`
}

// maxIdentityLen bounds identity values; longer ones are garbage, not keys.
const maxIdentityLen = 256

// Normalize returns the identity's canonical value, so every way people
// and systems write it finds the same customer. region is the country
// assumed for phone numbers written without a country code.
func Normalize(kind Kind, raw, region string) (string, error) {
	const op = "customer.Normalize"
	v := strings.TrimSpace(raw)
	if v == "" {
		return "", errs.Field(op, string(kind), "%s is empty", kind)
	}
	if len(v) > maxIdentityLen {
		return "", errs.Field(op, string(kind), "%s is longer than %d bytes", kind, maxIdentityLen)
	}
	switch kind {
	case Email:
		return normalizeEmail(v)
	case Phone:
		p, err := locale.NormalizePhone(v, region)
		if err != nil {
			return "", &errs.Error{Op: op, Kind: errs.Invalid, Field: "phone", Msg: "phone " + quote(raw) + " is not a valid phone number", Err: err}
		}
		return p, nil
	case Account, Card:
		return normalizeNumberish(v), nil
	case UserID, AnonymousID:
		return v, nil
	}
	return "", errs.Field(op, "kind", "unknown identity kind %q", kind)
}

func quote(s string) string { return "\"" + s + "\"" }

func normalizeEmail(v string) (string, error) {
	addr, err := mail.ParseAddress(v)
	if err != nil || addr.Name != "" || !strings.Contains(addr.Address[strings.LastIndexByte(addr.Address, '@')+1:], ".") {
		return "", errs.Field("customer.Normalize", "email", "%s is not an e-mail address", quote(v))
	}
	return strings.ToLower(addr.Address), nil
}

// normalizeNumberish folds digits to ASCII and drops the spaces and dashes
// people put in account and card numbers.
func normalizeNumberish(v string) string {
	v = locale.LatinDigits(v)
	var b strings.Builder
	for _, r := range v {
		switch r {
		case ' ', '-', '_', '.', '\u200c', '\u200e', '\u200f':
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}
