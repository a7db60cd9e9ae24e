package web

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tajrobe/tajrobe/internal/analytics"
)

// scale is the range a metric's axis shows.
type scale struct{ lo, hi float64 }

// scales are the axes of the score metrics: NPS and signal balance from
// −100 to 100, CSAT as a share of satisfied, CES as a mean on 1–7.
var scales = map[string]scale{"nps": {-100, 100}, "signal_balance": {-100, 100}, "csat": {0, 100}, "ces": {1, 7}}

// seriesChart plots a metric per period from `from` to `to`, placing each
// point by its date so empty weeks leave a gap, with the 95% margin of
// error drawn as a band above and below.
func seriesChart(v *View, metric string, points []analytics.Point, from, to time.Time) *lineChart {
	sc := scales[metric]
	c := &lineChart{W: chartW, H: chartH}
	span := math.Max(1, to.Sub(from).Hours())
	x := func(t time.Time) float64 { return padX + math.Max(0, t.Sub(from).Hours())/span*plotW }
	y := func(f float64) float64 {
		f = math.Max(sc.lo, math.Min(sc.hi, f))
		return padTop + plotH - (f-sc.lo)/(sc.hi-sc.lo)*plotH
	}
	var val, up strings.Builder
	var down []string
	for i, p := range points {
		if p.N == 0 {
			continue
		}
		fmt.Fprintf(&val, "%.1f,%.1f ", x(p.Start), y(p.Value))
		fmt.Fprintf(&up, "%.1f,%.1f ", x(p.Start), y(p.Value+p.MarginOfError))
		down = append(down, fmt.Sprintf("%.1f,%.1f", x(p.Start), y(p.Value-p.MarginOfError)))
		label := v.Date(p.Start)
		c.Rows = append(c.Rows, chartRow{Label: label, Values: []string{v.Score(p.Estimate), v.MoE(p.Estimate), v.N64(p.N)}})
		if i%4 == 0 {
			c.XTicks = append(c.XTicks, chartTick{X: x(p.Start), Y: chartH - 8, Label: label})
		}
	}
	slices.Reverse(down)
	c.Lines = []chartLine{{"band", v.T("console.moe"), up.String() + strings.Join(down, " ")},
		{"val", v.T("console.metric.short." + metric), val.String()}}
	c.Columns = []string{v.T("console.metric.short." + metric), v.T("console.moe"), v.T("console.answers")}
	for i := 0; i <= 4; i++ {
		f := sc.lo + (sc.hi-sc.lo)*float64(i)/4
		c.YTicks = append(c.YTicks, chartTick{X: padX - 6, Y: y(f), Label: v.Dec(f)})
	}
	return c
}
