package textan

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// badInputs are the shapes of text the issue names: empty, only emoji,
// mixed scripts, very long, invalid UTF-8, and a few of our own.
var badInputs = []string{
	"",
	" \t\n ",
	"😍😍😍",
	"👎",
	"delivery خیلی دیر بود but food ok 😡",
	"\xff\xfe\xfd",
	"عالی\xffبود",
	strings.Repeat("ا", 10000),
	strings.Repeat("نه ", 500),
	"\u200c\u200c\u200c", // ZWNJ only
	"ـــــ",
	"!!!???...",
	"می می می می",
	"۱۲۳۴۵۶۷۸۹۰",
	"\x01\x01soooo\x01",
	"not not not not good",
}

// checkResult asserts the invariants every result keeps.
func checkResult(t *testing.T, in string, r Result) {
	t.Helper()
	if math.IsNaN(r.Score) || r.Score < -1 || r.Score > 1 {
		t.Fatalf("%q: score %v out of [-1,1]", in, r.Score)
	}
	switch r.Sentiment {
	case Positive, Neutral, Negative:
	default:
		t.Fatalf("%q: sentiment %q", in, r.Sentiment)
	}
	switch r.Language {
	case "", "fa", "en", "mixed":
	default:
		t.Fatalf("%q: language %q", in, r.Language)
	}
	if r.Aspects == nil || r.Topics == nil || r.Emotions == nil {
		t.Fatalf("%q: nil slice in %+v", in, r)
	}
	b, err := json.Marshal(r)
	if err != nil || !utf8.Valid(b) {
		t.Fatalf("%q: JSON %v", in, err)
	}
}

func TestBadInput(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for _, in := range badInputs {
		checkResult(t, in, a.Analyze(in))
	}
	if r := a.Analyze(""); r.Sentiment != Neutral || r.Language != "" {
		t.Errorf("empty text: %+v", r)
	}
	if r := a.Analyze("😡👎"); r.Sentiment != Negative || r.Language != "" {
		t.Errorf("only emoji: %+v", r)
	}
}

// Test100KB checks a pasted document stays well under a second.
func Test100KB(t *testing.T) {
	a := NewAnalyzer(nil, Learn(genSamples(1, 500, 0.1)))
	text := strings.Repeat("غذا عالی بود ولی پیک دیر رسید. the food was great but late! ", 1700)[:100<<10]
	start := time.Now()
	r := a.Analyze(text)
	checkResult(t, "100KB", r)
	if d := time.Since(start); d > time.Second {
		t.Errorf("100 KB took %v", d)
	}
	if len(r.Aspects) > maxAspects {
		t.Errorf("%d aspects, want ≤ %d", len(r.Aspects), maxAspects)
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, in := range badInputs {
		f.Add(in)
	}
	f.Add("غذا عالی بود ولی پیک دیر رسید")
	f.Add("the food was great but the delivery was late")
	f.Add("کیفیت خوبی نداشت، اصلا پیشنهاد نمیکنم 😞")
	a := NewAnalyzer(nil, Learn(genSamples(1, 300, 0.1)))
	f.Fuzz(func(t *testing.T, in string) {
		checkResult(t, in, a.Analyze(in))
		n := Normalize(in)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", in, n)
		}
		if Normalize(n) != n {
			t.Fatalf("Normalize is not idempotent: %q → %q → %q", in, n, Normalize(n))
		}
	})
}
