package web

import (
	"testing"

	"github.com/tajrobe/tajrobe/internal/locale"
)

// TestActorNamesWhoDidIt reads each kind of actor string in both languages.
func TestActorNamesWhoDidIt(t *testing.T) {
	cat, err := locale.NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, actor, want string }{
		{"fa", "user:sara@aria.ir", "sara@aria.ir"},
		{"fa", "rule:12", "قانون شمارهٔ ۱۲"},
		{"en", "rule:12", "Rule 12"},
		{"en", "key:tjs_ab12", "Key tjs_ab12"},
		{"fa", "system", "سامانه"},
		{"en", "system", "System"},
		{"fa", "demo", "demo"},
	} {
		v := &View{Lang: c.lang, cat: cat}
		if got := v.Actor(c.actor); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.actor, got, c.want)
		}
	}
}
