package textan

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestPublicYelp measures on the Yelp file of the UCI "Sentiment Labelled
// Sentences" set (Kotzias et al., KDD 2015), which we do not commit. Point
// TEXTAN_YELP at yelp_labelled.txt ("sentence<TAB>0|1" per line) to run it:
//
//	TEXTAN_YELP=/path/yelp_labelled.txt go test -run TestPublicYelp -v ./internal/textan
//
// Lines 1–520 were looked at while writing the English lexicon; lines
// 522–793 were not, and are the held-out block reported here. Learning
// uses lines 1–520 as labelled comments.
func TestPublicYelp(t *testing.T) {
	path := os.Getenv("TEXTAN_YELP")
	if path == "" {
		t.Skip("TEXTAN_YELP not set")
	}
	lines := readUCI(t, path)
	if len(lines) < 793 {
		t.Fatalf("%s: %d lines, want the 1,000-line file", path, len(lines))
	}
	seen, heldout := lines[:520], lines[521:793]
	cold := NewAnalyzer(nil, nil)
	warm := NewAnalyzer(nil, Learn(seen))
	t.Logf("Yelp lines 1–520 (seen): cold %.3f", binaryAccuracy(cold, seen))
	t.Logf("Yelp lines 522–793 (held out, n=%d): cold %.3f, after learning from lines 1–520 %.3f",
		len(heldout), binaryAccuracy(cold, heldout), binaryAccuracy(warm, heldout))
}

// readUCI reads "sentence<TAB>label" lines as samples, keeping line order.
func readUCI(t *testing.T, path string) []Sample {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []Sample
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		text, lab, _ := strings.Cut(sc.Text(), "\t")
		s := Sample{Text: text, Label: Negative}
		if strings.TrimSpace(lab) == "1" {
			s.Label = Positive
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
