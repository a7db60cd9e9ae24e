package textan

import (
	"fmt"
	"math"
	"os"
	"testing"
)

// TestPublicSets measures the analyser on public review sets that we do not
// commit (their licences do not let us, or say nothing). Each set is read
// from the path in an environment variable and skipped when it is unset;
// docs/benchmarks.md, section "Comment analytics", says where each file
// comes from. Run them all with:
//
//	TEXTAN_YELP=…/yelp_labelled.txt TEXTAN_AMAZON=…/amazon_cells_labelled.txt \
//	TEXTAN_IMDB=…/imdb_labelled.txt TEXTAN_SENTIPERS_DEV=…/original.csv \
//	TEXTAN_SENTIPERS_TEST=…/test.csv TEXTAN_SENTIPERS_XML='…/Apple iPad mini WiFi-16GB.xml' \
//	TEXTAN_SNAPPFOOD='…/Snappfood - Sentiment Analysis.csv' go test -run TestPublicSets -v ./internal/textan
//
// Sets marked dev were used for error analysis while writing the lexicons
// and rules; sets marked held-out were not looked at until the analyser was
// frozen, and only their figures are reported as results. TEXTAN_SHOW_ERRORS=1
// lists the misread comments of dev sets, never of held-out ones.
func TestPublicSets(t *testing.T) {
	cold := NewAnalyzer(nil, nil)
	t.Run("yelp", func(t *testing.T) { publicYelp(t, cold) })
	for _, s := range []struct{ name, env, role string }{
		{"amazon", "TEXTAN_AMAZON", "dev"},
		{"imdb", "TEXTAN_IMDB", "dev"},
	} {
		t.Run(s.name, func(t *testing.T) {
			samples := readUCI(t, publicPath(t, s.env))
			logReport(t, s.name+" (dev)", cold, samples, true)
		})
	}
	t.Run("sentipers", func(t *testing.T) { publicSentiPers(t, cold) })
	t.Run("snappfood", func(t *testing.T) { publicSnappfood(t, cold) })
	t.Run("sentipers-ipad", func(t *testing.T) {
		samples := readSentiPersTokens(t, publicPath(t, "TEXTAN_SENTIPERS_XML"))
		logReport(t, "SentiPers iPad mini file (held-out)", cold, samples, false)
	})
}

// publicYelp reads the UCI Yelp file: lines 1–521 are dev (and the
// learning data), lines 522–793 the held-out block.
func publicYelp(t *testing.T, cold *Analyzer) {
	lines := readUCI(t, publicPath(t, "TEXTAN_YELP"))
	dev := lines[:min(len(lines), 521)]
	logReport(t, "yelp lines 1–521 (dev)", cold, dev, true)
	if len(lines) < 793 {
		t.Skipf("%d lines: the held-out block 522–793 needs the 1,000-line file", len(lines))
	}
	heldout := lines[521:793]
	logReport(t, "yelp lines 522–793 (held-out), cold", cold, heldout, false)
	logReport(t, "same, after Learn on lines 1–521", NewAnalyzer(nil, Learn(dev)), heldout, false)
}

// publicSentiPers reads the SentiPers sentences split by DeepSentiPers:
// the dev file (its original.csv, or the part of it at hand) and the
// held-out test.csv, which is also scored after learning from the dev file.
func publicSentiPers(t *testing.T, cold *Analyzer) {
	var dev []Sample
	if p := os.Getenv("TEXTAN_SENTIPERS_DEV"); p != "" {
		dev = readSentiPersCSV(t, p)
		logReport(t, "SentiPers dev", cold, dev, true)
	}
	test := readSentiPersCSV(t, publicPath(t, "TEXTAN_SENTIPERS_TEST"))
	logReport(t, "SentiPers test.csv (held-out), cold", cold, test, false)
	if m := Learn(dev); m != nil {
		logReport(t, "same, after Learn on the dev file", NewAnalyzer(nil, m), test, false)
	}
}

// The Snappfood split, by row of the file (1-based, header not counted):
// rows 1–500 were the fifth round's held-out block, rows 501–2500 are dev
// and the learning data, rows 2501–3100 the sixth round's held-out block,
// rows 3101–3700 the seventh round's. Rows after 3700 are not used.
const (
	snappHeldout1End = 500
	snappDevEnd      = 2500
	snappHeldout2End = 3100
	snappHeldout3End = 3700
)

// publicSnappfood reads the Snappfood food-delivery comments and scores the
// dev rows, then each held-out block cold and after Learn on the dev rows.
// The file's labels are noisy (a cold meal marked HAPPY, thanks marked
// SAD); they are scored as they are. A file shorter than a block skips it.
func publicSnappfood(t *testing.T, cold *Analyzer) {
	rows := readSnappfood(t, publicPath(t, "TEXTAN_SNAPPFOOD"))
	if len(rows) < snappHeldout1End {
		t.Skipf("%d rows: the held-out block 1–500 needs at least 500", len(rows))
	}
	dev := rows[snappHeldout1End:min(len(rows), snappDevEnd)]
	if len(dev) > 0 {
		logReport(t, fmt.Sprintf("snappfood rows 501–%d (dev)", snappHeldout1End+len(dev)), cold, dev, true)
	}
	learned := NewAnalyzer(nil, Learn(dev))
	blocks := []struct {
		name       string
		start, end int
	}{
		{"rows 1–500 (held-out, fifth round)", 0, snappHeldout1End},
		{"rows 2501–3100 (held-out, sixth round)", snappDevEnd, snappHeldout2End},
		{"rows 3101–3700 (held-out, seventh round)", snappHeldout2End, snappHeldout3End},
	}
	for _, b := range blocks {
		if len(rows) < b.end {
			t.Logf("%d rows: skipping snappfood %s", len(rows), b.name)
			continue
		}
		logReport(t, "snappfood "+b.name+", cold", cold, rows[b.start:b.end], false)
		if len(dev) > 0 {
			logReport(t, fmt.Sprintf("same, after Learn on %d dev rows", len(dev)), learned, rows[b.start:b.end], false)
		}
	}
}

func publicPath(t *testing.T, env string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		t.Skipf("%s not set: point it at the public file named in docs/benchmarks.md to run this set", env)
	}
	return p
}

// logReport logs a's figures on samples; on dev sets it can list errors.
func logReport(t *testing.T, name string, a *Analyzer, samples []Sample, dev bool) {
	t.Helper()
	rep := EvaluateSamples(samples, a)
	if rep.Confusion[1] == [3]int{} {
		t.Logf("%s: n=%d binary accuracy %.3f (%d right)", name, rep.BinaryN, rep.BinaryAccuracy,
			int(math.Round(rep.BinaryAccuracy*float64(rep.BinaryN))))
	} else {
		t.Logf("%s: %s", name, rep)
	}
	if dev && os.Getenv("TEXTAN_SHOW_ERRORS") != "" {
		for _, s := range samples {
			if r := a.Analyze(s.Text); r.Sentiment != s.Label {
				t.Logf("  gold %-8s got %-8s %+.2f  %s", s.Label, r.Sentiment, r.Score, s.Text)
			}
		}
	}
}
