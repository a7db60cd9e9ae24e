package web

import (
	"math"
	"slices"

	"github.com/tajrobe/tajrobe/internal/analytics"
)

// The importance × performance quadrant is our own SVG: performance
// (signal balance, −100…100) across, importance (% of what explains
// loyalty) up, split at the medians as analytics splits them.
const (
	quadW, quadH = 560, 360
	quadPad      = 40
)

// quadrant is the drawn view: the median lines and one dot per touchpoint.
type quadrant struct {
	W, H, Pad    int
	PlotW, PlotH int
	MidX, MidY   float64
	Dots         []quadDot
}

type quadDot struct {
	X, Y        float64
	Name, Class string
	Fix, Label  bool
}

// quadrantOf places the touchpoints that have data.
func quadrantOf(v *View, g *analytics.Gaps) *quadrant {
	q := &quadrant{W: quadW, H: quadH, Pad: quadPad, PlotW: quadW - 2*quadPad, PlotH: quadH - 2*quadPad}
	top := 1.0
	var imp, perf []float64
	for _, t := range g.Touchpoints {
		if t.Quadrant != "no_data" && t.Quadrant != "" {
			top = max(top, t.Importance)
			imp, perf = append(imp, t.Importance), append(perf, t.Performance.Value)
		}
	}
	// Importance is the share of explained variance: a few touchpoints
	// take most of it, so the axis runs on its square root to keep the
	// rest apart.
	top = math.Sqrt(top * 1.1)
	x := func(p float64) float64 { return quadPad + (p+100)/200*float64(q.PlotW) }
	y := func(i float64) float64 { return quadPad + float64(q.PlotH) - math.Sqrt(max(i, 0))/top*float64(q.PlotH) }
	q.MidX, q.MidY = x(mid(perf)), y(mid(imp))
	for _, t := range g.Touchpoints {
		if t.Quadrant == "no_data" || t.Quadrant == "" {
			continue
		}
		d := quadDot{X: x(t.Performance.Value), Y: y(t.Importance), Name: v.Named(t.NameFa, t.NameEn),
			Class: t.Quadrant, Fix: t.Touchpoint == g.FixFirst}
		d.Label = d.Fix || t.Importance >= mid(imp) // the rest are named on hover and in the table
		q.Dots = append(q.Dots, d)
	}
	return q
}

// mid is the median of v, 0 when empty.
func mid(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}
