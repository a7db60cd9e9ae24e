package textan

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestRunAnalyze(t *testing.T) {
	in := "غذا عالی بود\n\nthe delivery was late\r\nlast line without newline"
	var out bytes.Buffer
	if err := RunAnalyze(context.Background(), strings.NewReader(in), &out, NewAnalyzer(nil, nil)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want 4:\n%s", len(lines), out.String())
	}
	want := []string{Positive, Neutral, Negative, Neutral}
	for i, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		for _, k := range []string{"language", "sentiment", "score", "aspects", "topics", "emotions"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %d lacks %q: %s", i, k, l)
			}
		}
		if m["sentiment"] != want[i] {
			t.Errorf("line %d: sentiment %v, want %s", i, m["sentiment"], want[i])
		}
	}
}

func TestRunAnalyzeLongLineAndCancel(t *testing.T) {
	long := strings.Repeat("خوب ", maxLine) // longer than maxLine: cut, not refused
	var out bytes.Buffer
	if err := RunAnalyze(context.Background(), strings.NewReader(long+"\nbad\n"), &out, NewAnalyzer(nil, nil)); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 2 {
		t.Errorf("got %d lines, want 2", n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := RunAnalyze(ctx, strings.NewReader("a\nb\n"), &out, NewAnalyzer(nil, nil))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

func TestEvaluate(t *testing.T) {
	in := "# comment\npositive\tعالی بود\n0\tterrible\nneutral\tI paid by card\n1\tgreat\n"
	rep, err := Evaluate(strings.NewReader(in), NewAnalyzer(nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	if rep.N != 4 || rep.Accuracy != 1 || rep.MacroF1 != 1 || rep.BinaryN != 3 || rep.BinaryAccuracy != 1 {
		t.Errorf("report %+v", rep)
	}
	if _, err := Evaluate(strings.NewReader("happy\ttext\n"), NewAnalyzer(nil, nil)); err == nil {
		t.Error("bad label accepted")
	}
	if _, err := Evaluate(strings.NewReader("no tab here\n"), NewAnalyzer(nil, nil)); err == nil {
		t.Error("line without tab accepted")
	}
}
