package locale

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
)

func mustCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCatalogLanguagesHaveSameKeys(t *testing.T) {
	c := mustCatalog(t)
	if got := c.Languages(); !reflect.DeepEqual(got, []string{"en", "fa"}) {
		t.Fatalf("Languages() = %v", got)
	}
	fa, en := c.Keys("fa"), c.Keys("en")
	if !reflect.DeepEqual(fa, en) {
		t.Errorf("fa and en keys differ:\nfa only: %v\nen only: %v", missing(fa, en), missing(en, fa))
	}
}

// missing returns the keys of a that b lacks.
func missing(a, b []string) []string {
	in := map[string]bool{}
	for _, k := range b {
		in[k] = true
	}
	var out []string
	for _, k := range a {
		if !in[k] {
			out = append(out, k)
		}
	}
	return out
}

var verbs = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)

// TestCatalogMessagesAreTranslated checks that no message is empty, that
// Persian messages are in Persian script and that both languages take the
// same format arguments in the same order.
func TestCatalogMessagesAreTranslated(t *testing.T) {
	c := mustCatalog(t)
	for _, key := range c.Keys("en") {
		en, fa := c.messages["en"][key], c.messages["fa"][key]
		if strings.TrimSpace(en) == "" || strings.TrimSpace(fa) == "" {
			t.Errorf("%s: empty message", key)
		}
		if !strings.ContainsFunc(fa, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) {
			t.Errorf("%s: Persian message %q has no Persian letters", key, fa)
		}
		if a, b := verbs.FindAllString(en, -1), verbs.FindAllString(fa, -1); !reflect.DeepEqual(a, b) {
			t.Errorf("%s: en verbs %v, fa verbs %v", key, a, b)
		}
	}
}

// TestCatalogProductKeys pins the keys other packages look up.
func TestCatalogProductKeys(t *testing.T) {
	c := mustCatalog(t)
	groups := map[string][]string{
		"phase":   {"pre_purchase", "purchase", "post_purchase"},
		"stage":   {"awareness", "consideration", "purchase", "delivery", "use", "support", "loyalty"},
		"channel": {"store", "website", "app", "call_center", "email", "sms", "social", "ads", "events", "direct_mail", "field_sales", "messaging"},
		"consent": {"email", "sms", "voice", "push", "messaging"},
		"period":  {UnitDay, UnitWeek, UnitMonth, UnitQuarter, UnitYear},
	}
	for prefix, names := range groups {
		for _, name := range names {
			for _, lang := range SupportedLanguages() {
				if key := prefix + "." + name; !c.Has(lang, key) {
					t.Errorf("%s has no %s", lang, key)
				}
			}
		}
	}
}

func TestCatalogT(t *testing.T) {
	c := mustCatalog(t)
	tests := []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"fa", "channel.sms", nil, "پیامک"},
		{"fa-IR", "ui.save", nil, "ذخیره"},
		{"en", "channel.sms", nil, "SMS"},
		{"de", "ui.save", nil, "Save"},
		{"fa", "no.such.key", nil, "no.such.key"},
		{"fa", "no.such.key", []any{3}, "no.such.key"},
		{"en", "ui.results_count", []any{1234}, "1234 results"},
		{"fa", "ui.results_count", []any{1234}, "۱۲۳۴ نتیجه"},
		{"fa", "ui.results_count", []any{int64(7)}, "۷ نتیجه"},
		{"fa", "ui.welcome", []any{"Sara 2"}, "Sara 2، خوش آمدید"},
	}
	for _, tc := range tests {
		if got := c.T(tc.lang, tc.key, tc.args...); got != tc.want {
			t.Errorf("T(%q, %q, %v) = %q, want %q", tc.lang, tc.key, tc.args, got, tc.want)
		}
	}
}

func TestCatalogFallsBackToEnglish(t *testing.T) {
	fsys := fstest.MapFS{
		"m/en.json": {Data: []byte(`{"a": "A", "b": "B %.1f"}`)},
		"m/fa.json": {Data: []byte(`{"a": "الف"}`)},
	}
	c, err := LoadCatalog(fsys, "m")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.T("fa", "b", -2.5); got != "B \u200e\u2212۲٫۵" {
		t.Errorf("T(fa, b) = %q", got)
	}
	if got := c.T("fa", "b", 0.000015); got != "B ۰٫۰" {
		t.Errorf("T(fa, b, small) = %q", got)
	}
	if got := c.T("fa", "a"); got != "الف" {
		t.Errorf("T(fa, a) = %q", got)
	}
	if c.Has("fa", "b") || !c.Has("en", "b") {
		t.Error("Has must not fall back")
	}
}

func TestLoadCatalogRejectsBadFiles(t *testing.T) {
	tests := map[string]string{
		"duplicate key": `{"a": "A", "a": "B"}`,
		"not a string":  `{"a": 1}`,
		"not an object": `["a"]`,
		"truncated":     `{"a": "A"`,
		"nested":        `{"a": {"b": "c"}}`,
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			fsys := fstest.MapFS{"m/en.json": {Data: []byte(data)}}
			if _, err := LoadCatalog(fsys, "m"); err == nil {
				t.Error("no error")
			}
		})
	}
	t.Run("no English", func(t *testing.T) {
		fsys := fstest.MapFS{"m/fa.json": {Data: []byte(`{}`)}}
		if _, err := LoadCatalog(fsys, "m"); err == nil {
			t.Error("no error")
		}
	})
}
