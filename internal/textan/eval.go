package textan

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// classes orders the confusion matrix: index 0 negative, 1 neutral, 2 positive.
var classes = [3]string{Negative, Neutral, Positive}

// Report is how an Analyzer did on a labelled file.
type Report struct {
	N              int       `json:"n"`
	Accuracy       float64   `json:"accuracy"`        // three-class exact label
	MacroF1        float64   `json:"macro_f1"`        // over the classes the gold labels use
	BinaryN        int       `json:"binary_n"`        // gold positive or negative items
	BinaryAccuracy float64   `json:"binary_accuracy"` // sign of the score on those; 0 counts wrong
	Confusion      [3][3]int `json:"confusion"`       // [gold][predicted], order negative, neutral, positive
}

// Evaluate reads TSV lines "label<TAB>text" (label positive, negative,
// neutral, or 1/0 for positive/negative; lines starting with # and blank
// lines are skipped) and scores a on them.
func Evaluate(r io.Reader, a *Analyzer) (Report, error) {
	var t tallier
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || text[0] == '#' {
			continue
		}
		lab, body, ok := strings.Cut(text, "\t")
		gold := goldClass(strings.TrimSpace(lab))
		if !ok || gold < 0 {
			return t.rep, fmt.Errorf("textan: line %d: want label<TAB>text with label positive, negative, neutral, 1 or 0", line)
		}
		t.add(gold, a.Analyze(body))
	}
	if err := sc.Err(); err != nil {
		return t.rep, fmt.Errorf("textan: read: %w", err)
	}
	return t.report(), nil
}

// EvaluateSamples scores a on samples already read, labelled Positive,
// Negative or Neutral; other labels are skipped.
func EvaluateSamples(samples []Sample, a *Analyzer) Report {
	var t tallier
	for _, s := range samples {
		if gold := classIndex(s.Label); s.Label == Neutral || gold != 1 {
			t.add(gold, a.Analyze(s.Text))
		}
	}
	return t.report()
}

// tallier accumulates a Report one scored comment at a time.
type tallier struct {
	rep      Report
	binaryOK int
}

func (t *tallier) add(gold int, res Result) {
	t.rep.N++
	t.rep.Confusion[gold][classIndex(res.Sentiment)]++
	if gold != 1 {
		t.rep.BinaryN++
		if (gold == 2 && res.Score > 0) || (gold == 0 && res.Score < 0) {
			t.binaryOK++
		}
	}
}

func (t *tallier) report() Report {
	t.rep.finish(t.binaryOK)
	return t.rep
}

func goldClass(s string) int {
	switch strings.ToLower(s) {
	case "negative", "neg", "0", "-1":
		return 0
	case "neutral", "neu":
		return 1
	case "positive", "pos", "1":
		return 2
	}
	return -1
}

func classIndex(label string) int {
	for i, c := range classes {
		if c == label {
			return i
		}
	}
	return 1
}

// finish computes accuracy and macro-F1 from the confusion matrix.
func (rep *Report) finish(binaryOK int) {
	if rep.N == 0 {
		return
	}
	correct, f1Sum, used := 0, 0.0, 0
	for c := range 3 {
		correct += rep.Confusion[c][c]
		gold, pred := 0, 0
		for k := range 3 {
			gold += rep.Confusion[c][k]
			pred += rep.Confusion[k][c]
		}
		if gold == 0 {
			continue // a class absent from the gold labels has no F1 to average
		}
		used++
		if tp := rep.Confusion[c][c]; tp > 0 {
			f1Sum += 2 * float64(tp) / float64(gold+pred)
		}
	}
	rep.Accuracy = float64(correct) / float64(rep.N)
	rep.MacroF1 = f1Sum / float64(used)
	if rep.BinaryN > 0 {
		rep.BinaryAccuracy = float64(binaryOK) / float64(rep.BinaryN)
	}
}

// String prints the report for people, as tajrobe text eval does.
func (rep Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "n=%d accuracy=%.3f macro-F1=%.3f binary accuracy=%.3f (n=%d)\n",
		rep.N, rep.Accuracy, rep.MacroF1, rep.BinaryAccuracy, rep.BinaryN)
	b.WriteString("gold\\pred   negative neutral positive\n")
	for g, row := range rep.Confusion {
		fmt.Fprintf(&b, "%-11s %8d %7d %8d\n", classes[g], row[0], row[1], row[2])
	}
	return b.String()
}
