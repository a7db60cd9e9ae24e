package textan

import (
	"strings"
	"testing"
)

// binaryAccuracy scores a on samples by the sign of the score.
func binaryAccuracy(a *Analyzer, samples []Sample) float64 {
	ok := 0
	for _, s := range samples {
		sc := a.Analyze(s.Text).Score
		if (s.Label == Positive && sc > 0) || (s.Label == Negative && sc < 0) {
			ok++
		}
	}
	return float64(ok) / float64(len(samples))
}

// TestLearnFromWeakLabels learns from 2,000 generated comments of a food
// delivery workspace, 10% of them wrongly labelled, and measures binary
// accuracy on 600 other generated comments with true labels. The issue's
// target is ≥ 88% after learning.
func TestLearnFromWeakLabels(t *testing.T) {
	train := genSamples(1, 2000, 0.10)
	heldout := genSamples(2, 600, 0)
	cold := NewAnalyzer(nil, nil)
	model := Learn(train)
	if model == nil {
		t.Fatal("Learn returned nil on 2,000 samples")
	}
	warm := NewAnalyzer(nil, model)
	coldAcc, warmAcc := binaryAccuracy(cold, heldout), binaryAccuracy(warm, heldout)
	t.Logf("generated in-domain held-out (n=%d): cold %.3f, after learning %.3f (features %d, blend %.2f)",
		len(heldout), coldAcc, warmAcc, model.Features(), warm.weight)
	if warmAcc < 0.88 {
		t.Errorf("accuracy after learning %.3f, want ≥ 0.88", warmAcc)
	}
	if warmAcc <= coldAcc {
		t.Errorf("learning did not help: cold %.3f, after %.3f", coldAcc, warmAcc)
	}
	for _, name := range []string{"fa_heldout.tsv", "en_heldout.tsv"} {
		rep := evalFile(t, warm, name)
		t.Logf("%s with the food-delivery model: %s", name, rep)
		if rep.BinaryAccuracy < 0.80 {
			t.Errorf("%s: learning from one domain broke another: binary accuracy %.3f", name, rep.BinaryAccuracy)
		}
	}
}

func TestLearnEdgeCases(t *testing.T) {
	if Learn(nil) != nil {
		t.Error("Learn(nil) should be nil")
	}
	onlyPos := []Sample{{Text: "عالی", Label: Positive}, {Text: "great", Label: Positive}}
	if Learn(onlyPos) != nil {
		t.Error("one class only should give no model")
	}
	if NPSLabel(7) != "" || NPSLabel(6) != Negative || NPSLabel(9) != Positive || NPSLabel(11) != "" {
		t.Error("NPSLabel")
	}
	if CSATLabel(3) != "" || CSATLabel(2) != Negative || CSATLabel(5) != Positive {
		t.Error("CSATLabel")
	}
}

// TestStrongLabelsOutweighWeak checks an agent's corrections move the
// model more than the same number of weak labels the other way.
func TestStrongLabelsOutweighWeak(t *testing.T) {
	var s []Sample
	for range 20 {
		s = append(s, Sample{Text: "پیتزا خمیر بود", Label: Positive},
			Sample{Text: "پیتزا خمیر بود", Label: Negative, Strong: true},
			Sample{Text: "خوب", Label: Positive}, Sample{Text: "بد", Label: Negative})
	}
	m := Learn(s)
	if m.weights["خمیر"] >= 0 {
		t.Errorf("weight of خمیر = %v, want negative", m.weights["خمیر"])
	}
}

func TestModelRoundTrip(t *testing.T) {
	m := Learn(genSamples(3, 300, 0.1))
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back Model
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	b2, _ := back.MarshalBinary()
	if string(b) != string(b2) || back.Features() != m.Features() || back.Samples() != m.Samples() {
		t.Error("model changed in a round trip")
	}
	text := "the pizza was doughy but the rider called ahead"
	if x, y := NewAnalyzer(nil, m).Analyze(text), NewAnalyzer(nil, &back).Analyze(text); x.Score != y.Score {
		t.Errorf("scores differ after round trip: %v vs %v", x.Score, y.Score)
	}
	for _, bad := range [][]byte{nil, []byte("TXM1"), []byte("nope"), b[:len(b)-1], append(b[:len(b):len(b)], 0)} {
		if err := new(Model).UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%q…) accepted bad data", strings.ToValidUTF8(string(bad[:min(len(bad), 8)]), "?"))
		}
	}
}
