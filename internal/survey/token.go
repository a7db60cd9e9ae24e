package survey

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/tajrobe/tajrobe/internal/errs"
)

// A personal token is the invitation id in base 36, a dot, and 12
// characters of HMAC over it: short enough for an SMS link, and nobody can
// guess another customer's link from their own.
const sigLen = 9 // bytes of HMAC kept; 72 bits

// Token returns the signed token of invitation id.
func (s *Settings) Token(id int64) string {
	return strconv.FormatInt(id, 36) + "." + s.tokenSig(id)
}

func (s *Settings) tokenSig(id int64) string {
	return base64.RawURLEncoding.EncodeToString(s.mac("inv:" + strconv.FormatInt(id, 10))[:sigLen])
}

// ParseToken splits a token into its invitation id and signature; it does
// not verify the signature (VerifyToken does, with the workspace secret).
func ParseToken(tok string) (int64, string, error) {
	idPart, sig, ok := strings.Cut(tok, ".")
	id, err := strconv.ParseInt(idPart, 36, 64)
	if !ok || err != nil || id <= 0 || len(sig) != 12 {
		return 0, "", errBadToken()
	}
	return id, sig, nil
}

// VerifyToken reports whether sig is the signature of invitation id.
func (s *Settings) VerifyToken(id int64, sig string) bool {
	return hmac.Equal([]byte(sig), []byte(s.tokenSig(id)))
}

func errBadToken() error {
	return errs.E("survey.Token", errs.NotExist, "this survey link is not valid; please use the link exactly as you received it")
}

// randomToken returns n random bytes, URL-safe base64.
func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// randomSlug returns a public link name: 10 lower-case letters and digits
// with the look-alikes (0/o, 1/l/i) left out, easy to type from a receipt.
func randomSlug() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	b := make([]byte, 10)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// Sign returns a short signature of msg under the workspace secret, for
// values the public pages hand out and must recognise when they return.
func (s *Settings) Sign(msg string) string {
	return base64.RawURLEncoding.EncodeToString(s.mac("sign:" + msg)[:sigLen])
}

// Verify reports whether sig is Sign(msg).
func (s *Settings) Verify(msg, sig string) bool {
	return hmac.Equal([]byte(sig), []byte(s.Sign(msg)))
}

// RandomToken returns n random bytes as URL-safe text.
func RandomToken(n int) string { return randomToken(n) }
