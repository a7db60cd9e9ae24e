// Package notify sends messages on the channels customers use — e-mail
// over SMTP and SMS through a provider — and reads the replies providers
// post back. It knows nothing of surveys: callers bring the words.
package notify

import (
	"strings"

	"github.com/tajrobe/tajrobe/internal/locale"
)

// OptOutLine is the line Iranian rules require at the end of promotional
// texts: reply 11 to stop them.
const OptOutLine = "لغو ۱۱"

// WithOptOut ends a promotional text with the opt-out line.
func WithOptOut(text string) string {
	return strings.TrimRight(text, "\n ") + "\n" + OptOutLine
}

// IsOptOut reports whether an SMS reply asks to stop messages: "11" in any
// digits, alone or after «لغو».
func IsOptOut(reply string) bool {
	s := strings.Join(strings.Fields(locale.Clean(reply)), " ")
	s = strings.TrimPrefix(s, "لغو")
	return strings.TrimSpace(s) == "11"
}
