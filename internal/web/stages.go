package web

import (
	"math"
	"strconv"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/journey"
)

// stageRow is one stage's signals with its balance bar.
type stageRow struct {
	Key string
	journey.Signals
	Bar bar
}

// stageRows orders the stages as the journey runs and sums them up.
func stageRows(tps []journey.Touchpoint, by map[string]journey.Signals) ([]stageRow, stageRow) {
	sums := journey.SignalsByStage(tps, by)
	var rows []stageRow
	var total journey.Signals
	for _, st := range journey.Stages {
		s := sums[st.Key]
		total = total.Add(s)
		rows = append(rows, stageRow{Key: st.Key, Signals: s, Bar: balanceBar(s)})
	}
	return rows, stageRow{Signals: total, Bar: balanceBar(total)}
}

// metricHeat names the heat map colour of a signal balance from −100 to
// 100, in the nine steps heatClass uses.
func metricHeat(m analytics.Metric) string {
	if m.N == 0 {
		return "heat-none"
	}
	i := int(math.Round(m.Value / 25))
	if i < 0 {
		return "heat-n" + strconv.Itoa(-i)
	}
	return "heat-p" + strconv.Itoa(i)
}

// trendOf names a change: up or down when beyond chance, else flat.
func trendOf(m analytics.Metric) string {
	switch {
	case m.Change == nil || !m.Change.Significant:
		return "flat"
	case m.Change.Delta < 0:
		return "down"
	}
	return "up"
}
