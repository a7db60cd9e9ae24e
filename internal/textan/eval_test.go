package textan

import (
	"os"
	"testing"
)

// evalFile scores a on one labelled file in testdata.
func evalFile(t *testing.T, a *Analyzer, name string) Report {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := Evaluate(f, a)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestEvalColdStart measures the lexicon alone on our tuning and held-out
// sets and fails if the held-out figures fall below the targets:
// ≥ 80% binary accuracy and ≥ 65% three-class macro-F1.
func TestEvalColdStart(t *testing.T) {
	a := NewAnalyzer(nil, nil)
	for _, name := range []string{"fa_tune.tsv", "en_tune.tsv", "fa_heldout.tsv", "en_heldout.tsv"} {
		rep := evalFile(t, a, name)
		t.Logf("%s: %s", name, rep)
		if rep.BinaryAccuracy < 0.80 || rep.MacroF1 < 0.65 {
			t.Errorf("%s: binary accuracy %.3f (want ≥ 0.80), macro-F1 %.3f (want ≥ 0.65)", name, rep.BinaryAccuracy, rep.MacroF1)
		}
	}
}
