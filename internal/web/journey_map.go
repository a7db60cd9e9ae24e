package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/analytics"
)

// journeyData is the journey map: one column per stage, in journey order,
// one cell per touchpoint coloured by its signal balance, with its score
// against its target and its trend against the period before.
type journeyData struct {
	Days    int
	Columns []journeyColumn
}

type journeyColumn struct {
	stageRow
	Heat  string
	Cells []journeyCell
}

type journeyCell struct {
	analytics.Cell
	Heat, Trend string
}

// journeyMap serves GET /journey.
func (c *Console) journeyMap(w http.ResponseWriter, r *http.Request, v *View) {
	d := journeyData{Days: period(r)}
	cells, err := c.querier(v).JourneyMap(r.Context(), c.lastDays(d.Days))
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	stages, _ := stageRows(cellSignals(cells))
	for _, st := range stages {
		col := journeyColumn{stageRow: st, Heat: heatClass(st.Signals)}
		for _, cell := range cells {
			if cell.Stage == st.Key {
				col.Cells = append(col.Cells, journeyCell{Cell: cell, Heat: metricHeat(cell.SignalBalance), Trend: trendOf(cell.SignalBalance)})
			}
		}
		d.Columns = append(d.Columns, col)
	}
	c.render(w, r, http.StatusOK, v, pageJourney, d)
}
