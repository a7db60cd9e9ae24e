package textan

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// readUCI reads "sentence<TAB>0|1" lines (UCI Sentiment Labelled
// Sentences) as samples, keeping line order.
func readUCI(t *testing.T, path string) []Sample {
	t.Helper()
	f := openPublic(t, path)
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

// readSentiPersCSV reads the CSV files of DeepSentiPers ("text","label",
// label −2…+2; texts may span lines).
func readSentiPersCSV(t *testing.T, path string) []Sample {
	t.Helper()
	var out []Sample
	readRecords(t, path, ',', func(rec []string) {
		if len(rec) < 2 {
			return
		}
		if lab, ok := sentiPersLabel(rec[len(rec)-1]); ok {
			out = append(out, Sample{Text: strings.Join(rec[:len(rec)-1], ","), Label: lab})
		}
	})
	return out
}

// readRecords reads a public set's delimited file leniently (quotes
// anywhere, any number of fields) and hands each record to each.
func readRecords(t *testing.T, path string, comma rune, each func(rec []string)) {
	t.Helper()
	r := csv.NewReader(openPublic(t, path))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = comma, -1, true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		each(rec)
	}
}

// readSentiPersTokens reads a file of SentiPers' data/extra folder: one
// token a line ("index<TAB>word", then optional annotation fields), each
// sentence closed by its label in brackets ("[+2]") and a "[@@@]" line.
func readSentiPersTokens(t *testing.T, path string) []Sample {
	t.Helper()
	var out []Sample
	var words []string
	sc := bufio.NewScanner(openPublic(t, path))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if l, ok := strings.CutPrefix(line, "["); ok {
			if lab, ok := sentiPersLabel(strings.TrimSuffix(l, "]")); ok && len(words) > 0 {
				out = append(out, Sample{Text: strings.Join(words, " "), Label: lab})
			}
			words = words[:0]
			continue
		}
		if f := strings.Split(line, "\t"); len(f) >= 2 && strings.TrimSpace(f[1]) != "" {
			words = append(words, strings.TrimSpace(f[1]))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// readSnappfood reads the Snappfood comments file of HooshvareLab
// (tab-separated "index<TAB>comment<TAB>HAPPY|SAD<TAB>label_id" under a
// header line; the index may be blank, a comment may be CSV-quoted) as
// samples, keeping row order. Rows with another label are skipped.
func readSnappfood(t *testing.T, path string) []Sample {
	t.Helper()
	var out []Sample
	readRecords(t, path, '\t', func(rec []string) {
		if len(rec) < 3 {
			return
		}
		switch strings.TrimSpace(rec[2]) {
		case "HAPPY":
			out = append(out, Sample{Text: rec[1], Label: Positive})
		case "SAD":
			out = append(out, Sample{Text: rec[1], Label: Negative})
		}
	})
	return out
}

// sentiPersLabel maps SentiPers' −2…+2 to our three classes.
func sentiPersLabel(s string) (string, bool) {
	v, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(s), "+"))
	switch {
	case err != nil:
		return "", false
	case v < 0:
		return Negative, true
	case v > 0:
		return Positive, true
	}
	return Neutral, true
}

func openPublic(t *testing.T, path string) io.Reader {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestReadPublicFormats checks the readers on small files in each format,
// written here, so the public-set test reads the real files right.
func TestReadPublicFormats(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	uci := readUCI(t, write("u.txt", "Lovely staff.\t1\nCold soup.\t0\n"))
	csvS := readSentiPersCSV(t, write("s.csv", "\"گوشی خوبیه\",\"2\"\n\"باتری\n\nضعیفه\",\"-1\"\n\"وزن ۲۰۰ گرم\",\"0\"\n\"x\",\"label\"\n"))
	snap := readSnappfood(t, write("f.tsv", "\tcomment\tlabel\tlabel_id\n\tغذا سرد بود\tSAD\t1\n7\t\"بسته بندی اصلا\"\" خوب بود\"\tHAPPY\t0\n\tx\tOTHER\t2\n"))
	tok := readSentiPersTokens(t, write("s.xml", "0\tصفحه\tT\n1\tعالیه\tOP\t\t0\n[+2]\n[@@@]\n0\tقیمت\n1\tبالاست.\n[-1]\n[@@@]\n0\tسلام\n[0]\n[@@@]\n"))
	want := []struct {
		got  []Sample
		want []Sample
	}{
		{uci, []Sample{{Text: "Lovely staff.", Label: Positive}, {Text: "Cold soup.", Label: Negative}}},
		{csvS, []Sample{{Text: "گوشی خوبیه", Label: Positive}, {Text: "باتری\n\nضعیفه", Label: Negative}, {Text: "وزن ۲۰۰ گرم", Label: Neutral}}},
		{snap, []Sample{{Text: "غذا سرد بود", Label: Negative}, {Text: "بسته بندی اصلا\" خوب بود", Label: Positive}}},
		{tok, []Sample{{Text: "صفحه عالیه", Label: Positive}, {Text: "قیمت بالاست.", Label: Negative}, {Text: "سلام", Label: Neutral}}},
	}
	for i, w := range want {
		if len(w.got) != len(w.want) {
			t.Errorf("format %d: %d samples, want %d: %+v", i, len(w.got), len(w.want), w.got)
			continue
		}
		for k := range w.got {
			if w.got[k] != w.want[k] {
				t.Errorf("format %d sample %d: %+v, want %+v", i, k, w.got[k], w.want[k])
			}
		}
	}
}
