package web

import (
	"fmt"
	"math"

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
