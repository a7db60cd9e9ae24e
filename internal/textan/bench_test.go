package textan

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// benchComments are the texts of our held-out sets: realistic, mixed
// Persian and English, short and long.
func benchComments(b *testing.B) []string {
	b.Helper()
	var out []string
	for _, name := range []string{"fa_heldout.tsv", "en_heldout.tsv"} {
		f, err := os.Open("testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if _, text, ok := strings.Cut(sc.Text(), "\t"); ok {
				out = append(out, text)
			}
		}
		f.Close()
	}
	return out
}

// BenchmarkAnalyze measures one comment per op on one core; the target is
// ≥ 20,000 comments/s, that is ≤ 50 µs/op.
func BenchmarkAnalyze(b *testing.B) {
	a := NewAnalyzer(nil, nil)
	texts := benchComments(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a.Analyze(texts[i%len(texts)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}

// BenchmarkAnalyzeLearned is the same with a workspace model.
func BenchmarkAnalyzeLearned(b *testing.B) {
	a := NewAnalyzer(nil, Learn(genSamples(1, 2000, 0.1)))
	texts := benchComments(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a.Analyze(texts[i%len(texts)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}
