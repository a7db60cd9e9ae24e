package textan

import (
	"cmp"
	"math"
	"slices"
)

// StrongWeight is how many weak labels an agent's correction is worth.
const StrongWeight = 4

// Learning parameters, set on the learning test (learn_test.go).
const (
	minFeatureCount = 2     // a feature seen in fewer weighted comments is noise
	maxFeatures     = 60000 // keeps a stored model under about a megabyte
	smoothing       = 1.0   // Laplace smoothing of the naive Bayes counts
	halfBlendAt     = 400   // comments at which the model has half of maxBlend
	modelTemp       = 0.5   // naive Bayes is over-confident; soften its log-odds
)

// Sample is one comment of a workspace with its label: Positive or
// Negative (anything else is skipped). Weak labels come from the score the
// customer gave (NPSLabel, CSATLabel); Strong marks an agent's correction.
type Sample struct {
	Text   string
	Label  string
	Strong bool
}

// NPSLabel turns an NPS answer into a weak label: 0–6 negative, 9–10
// positive, 7–8 "" (passives say little about the words).
func NPSLabel(score int) string {
	switch {
	case score >= 0 && score <= 6:
		return Negative
	case score >= 9 && score <= 10:
		return Positive
	}
	return ""
}

// CSATLabel turns a 1–5 CSAT answer into a weak label: 1–2 negative,
// 5 positive, 3–4 "".
func CSATLabel(score int) string {
	switch score {
	case 1, 2:
		return Negative
	case 5:
		return Positive
	}
	return ""
}

// Learn builds a workspace model from its labelled comments: a binarised
// multinomial naive Bayes over normalised unigrams and bigrams, stored as
// one log-odds weight per feature. It returns nil when there is nothing to
// learn from, which NewAnalyzer treats as the cold start.
func Learn(samples []Sample) *Model {
	c := newCounter()
	for _, s := range samples {
		c.add(s)
	}
	if c.docs[0] == 0 || c.docs[1] == 0 {
		return nil
	}
	return c.model()
}

// counter accumulates weighted feature counts per class (0 neg, 1 pos).
type counter struct {
	counts map[string][2]float64
	docs   [2]float64
	seen   map[string]bool
}

func newCounter() *counter {
	return &counter{counts: map[string][2]float64{}, seen: map[string]bool{}}
}

func (c *counter) add(s Sample) {
	class := -1
	switch s.Label {
	case Negative:
		class = 0
	case Positive:
		class = 1
	}
	if class < 0 {
		return
	}
	w := 1.0
	if s.Strong {
		w = StrongWeight
	}
	c.docs[class] += w
	clear(c.seen)
	for _, f := range features(s.Text) {
		if c.seen[f] {
			continue // binarised: a word repeated in one comment counts once
		}
		c.seen[f] = true
		v := c.counts[f]
		v[class] += w
		c.counts[f] = v
	}
}

func (c *counter) model() *Model {
	keep := c.vocabulary()
	var tot [2]float64
	for _, f := range keep {
		v := c.counts[f]
		tot[0], tot[1] = tot[0]+v[0], tot[1]+v[1]
	}
	vocab := float64(len(keep))
	m := &Model{weights: make(map[string]float32, len(keep)), temperature: modelTemp,
		samples: c.docs[0] + c.docs[1]}
	for _, f := range keep {
		v := c.counts[f]
		pPos := (v[1] + smoothing) / (tot[1] + smoothing*vocab)
		pNeg := (v[0] + smoothing) / (tot[0] + smoothing*vocab)
		m.weights[f] = float32(math.Log(pPos / pNeg))
	}
	m.prior = float32(math.Log(c.docs[1] / c.docs[0]))
	return m
}

// vocabulary keeps the most frequent features seen often enough.
func (c *counter) vocabulary() []string {
	keep := make([]string, 0, len(c.counts))
	for f, v := range c.counts {
		if v[0]+v[1] >= minFeatureCount {
			keep = append(keep, f)
		}
	}
	slices.SortFunc(keep, func(a, b string) int {
		va, vb := c.counts[a], c.counts[b]
		return cmp.Or(cmp.Compare(vb[0]+vb[1], va[0]+va[1]), cmp.Compare(a, b))
	})
	return keep[:min(len(keep), maxFeatures)]
}

// features are the canonical unigrams and the bigrams of adjacent words
// (a punctuation mark or emoji breaks a bigram; emoji are unigrams).
func features(text string) []string {
	var w normWriter
	w.write(text)
	toks := tokenize(w.buf, nil)
	out := make([]string, 0, 2*len(toks))
	prev := ""
	for i := range toks {
		t := &toks[i]
		if t.kind == tokPunct {
			prev = ""
			continue
		}
		s := t.text(w.buf)
		out = append(out, s)
		if t.kind == tokWord && prev != "" {
			out = append(out, prev+" "+s)
		}
		prev = ""
		if t.kind == tokWord {
			prev = s
		}
	}
	return out
}
