package web

import (
	"fmt"
	"math"
	"strings"

	"github.com/tajrobe/tajrobe/internal/journey"
)

// Charts are drawn on the server as SVG in a fixed coordinate space that
// scales to the page. Labels go through the template, so they are escaped.
const (
	chartW, chartH  = 640, 220
	padX, padTop    = 44, 12
	padBottom       = 28
	plotW, plotH    = chartW - 2*padX, chartH - padTop - padBottom
	barW, barCenter = 200, 100
)

// lineChart is a chart of series over the same labelled points in time.
type lineChart struct {
	W, H   int
	Lines  []chartLine
	YTicks []chartTick
	XTicks []chartTick
	Rows   []chartRow // the same numbers as a table, for screen readers and no-SVG readers
	// Columns head the table's figures; without them, the lines' labels do.
	Columns []string
}

type chartLine struct{ Class, Label, Points string }

type chartTick struct {
	X, Y  float64
	Label string
}

type chartRow struct {
	Label  string
	Values []string
}

// weeklyChart plots positive and negative signals per week.
func weeklyChart(v *View, weeks []journey.Week) *lineChart {
	c := &lineChart{W: chartW, H: chartH}
	top := 0
	for _, w := range weeks {
		top = max(top, w.Positive, w.Negative)
	}
	top = niceCeil(top)
	x := func(i int) float64 { return padX + float64(i)*plotW/math.Max(1, float64(len(weeks)-1)) }
	y := func(n int) float64 { return padTop + plotH - float64(n)*plotH/float64(top) }
	var pos, neg strings.Builder
	for i, w := range weeks {
		fmt.Fprintf(&pos, "%.1f,%.1f ", x(i), y(w.Positive))
		fmt.Fprintf(&neg, "%.1f,%.1f ", x(i), y(w.Negative))
		label := v.Date(w.Start)
		c.Rows = append(c.Rows, chartRow{Label: label, Values: []string{v.Num(w.Positive), v.Num(w.Negative)}})
		if i%4 == 0 || i == len(weeks)-1 && i%4 >= 2 { // the last week, unless it would crowd the one before
			c.XTicks = append(c.XTicks, chartTick{X: x(i), Y: chartH - 8, Label: label})
		}
	}
	c.Lines = []chartLine{{"pos", v.T("console.signals.positive"), pos.String()},
		{"neg", v.T("console.signals.negative"), neg.String()}}
	for i := 0; i <= 4; i++ {
		n := top * i / 4
		c.YTicks = append(c.YTicks, chartTick{X: padX - 6, Y: y(n), Label: v.Num(n)})
	}
	return c
}

// niceCeil rounds n up to 1, 2 or 5 times a power of ten, so axis ticks
// land on round numbers.
func niceCeil(n int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if step := m * p; step*4 >= n {
				return step * 4
			}
		}
	}
}

// bar is one diverging bar of a balance from −1 to 1 around the centre.
type bar struct {
	X, W  float64
	Class string
}

func balanceBar(s journey.Signals) bar {
	b, ok := s.Balance()
	if !ok {
		return bar{X: barCenter, W: 0, Class: "none"}
	}
	w := math.Abs(b) * barCenter
	if b < 0 {
		return bar{X: barCenter - w, W: w, Class: "neg"}
	}
	return bar{X: barCenter, W: w, Class: "pos"}
}

// heatClass names the colour of a balance on the heat map, in nine steps
// from clearly negative (n4) to clearly positive (p4).
func heatClass(s journey.Signals) string {
	b, ok := s.Balance()
	if !ok {
		return "heat-none"
	}
	i := int(math.Round(b * 4))
	if i < 0 {
		return fmt.Sprintf("heat-n%d", -i)
	}
	return fmt.Sprintf("heat-p%d", i)
}
