package locale

import (
	"fmt"
	"strings"
)

// localNumber prints a number argument of a message with the digits,
// decimal separator and minus sign of its language, whatever verb and
// flags the message uses. It does not group thousands: pass
// FormatInt(n, lang) as a string argument for that.
type localNumber struct {
	v    any
	lang string
}

// Format implements fmt.Formatter.
func (n localNumber) Format(f fmt.State, verb rune) {
	s := fmt.Sprintf(fmt.FormatString(f, verb), n.v)
	sym := symbolsFor(n.lang)
	if i := strings.IndexFunc(s, func(r rune) bool { return r != ' ' }); i >= 0 && s[i] == '-' {
		s = s[:i] + sym.minus + s[i+1:] // the sign, not an exponent's
	}
	s = strings.Replace(s, ".", sym.decimal, 1)
	fmt.Fprint(f, LocalDigits(s, n.lang))
}

// localArgs wraps the numbers among args so they print in lang's digits.
// Other values, such as names or e-mail addresses, print as they are.
func localArgs(args []any, lang string) []any {
	if !IsPersian(lang) {
		return args
	}
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a
		if isNumber(a) {
			out[i] = localNumber{v: a, lang: lang}
		}
	}
	return out
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return true
	}
	return false
}
