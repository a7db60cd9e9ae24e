package textan

import "math"

// maxAspects bounds the output for pasted documents.
const maxAspects = 64

// result assembles the public Result from the passes.
func (a *Analyzer) result(sc *scratch, st tally) Result {
	r := Result{
		Language:  languageOf(st.fa, st.en),
		Sentiment: label(st.score, neutralBand),
		Score:     round3(st.score),
		Aspects:   a.aspects(sc, st.score),
	}
	r.Topics = a.topics(r.Aspects, r.Language)
	r.Emotions = emotionNames(adjustEmotions(st.emo, st.score, st.exclaims))
	if r.Emotions == nil {
		r.Emotions = []string{}
	}
	return r
}

// aspects gives one Aspect per theme per aspect span, scored by the
// polarity of that span alone; a span without opinion words borrows its
// clause's, and a comment about a single theme lends it the overall score.
func (a *Analyzer) aspects(sc *scratch, overall float64) []Aspect {
	out := []Aspect{}
	for i := range sc.toks {
		if sc.covered[i] || len(out) >= maxAspects {
			continue
		}
		for _, th := range sc.infos[i].themes {
			id := a.themes[th].ID
			if hasAspect(out, id, sc.segOf[i]) {
				continue
			}
			s := sc.segS[sc.segOf[i]]
			if s == 0 {
				s = sc.clauseS[sc.clauseOf[i]]
			}
			score := squash(s)
			out = append(out, Aspect{Theme: id, Term: a.term(sc, i), Score: score, seg: sc.segOf[i]})
		}
	}
	if len(out) == 1 && out[0].Score == 0 {
		out[0].Score = overall
	}
	for i := range out {
		out[i].Score = round3(out[i].Score)
		out[i].Sentiment = label(out[i].Score, neutralBand)
	}
	return out
}

func hasAspect(out []Aspect, id string, seg int32) bool {
	for i := range out {
		if out[i].Theme == id && out[i].seg == seg {
			return true
		}
	}
	return false
}

// term is the canonical text of the token (and its phrase) naming a theme.
func (a *Analyzer) term(sc *scratch, i int) string {
	n := 1
	for i+n < len(sc.toks) && sc.covered[i+n] {
		n++
	}
	if n > 1 && sc.buildKey(i, n) {
		return string(sc.key)
	}
	return sc.toks[i].text(sc.w.buf)
}

// topics merges the aspects of each theme, in theme order.
func (a *Analyzer) topics(aspects []Aspect, lang string) []Topic {
	out := []Topic{}
	for _, th := range a.themes {
		sum, n := 0.0, 0
		for _, as := range aspects {
			if as.Theme == th.ID {
				sum, n = sum+as.Score, n+1
			}
		}
		if n == 0 {
			continue
		}
		name := th.NameEn
		if lang == "fa" || lang == "mixed" {
			name = th.NameFa
		}
		score := round3(sum / float64(n))
		out = append(out, Topic{ID: th.ID, Name: name, Touchpoint: th.Touchpoint,
			Sentiment: label(score, neutralBand), Score: score, Mentions: n})
	}
	return out
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
