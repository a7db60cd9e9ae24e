package web

import (
	"net/http"

	"github.com/tajrobe/tajrobe/internal/journey"
)

// journeyData is the journey map: one column per stage, in journey order,
// one cell per touchpoint coloured by its signal balance.
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
	Touchpoint journey.Touchpoint
	journey.Signals
	Heat string
}

// journeyMap serves GET /journey.
func (c *Console) journeyMap(w http.ResponseWriter, r *http.Request, v *View) {
	d := journeyData{Days: period(r)}
	tps, by, err := c.signals(r, v.Workspace.ID, c.db.Now().AddDate(0, 0, -d.Days))
	if err != nil {
		c.fail(w, r, v, err)
		return
	}
	stages, _ := stageRows(tps, by)
	for _, st := range stages {
		col := journeyColumn{stageRow: st, Heat: heatClass(st.Signals)}
		for _, t := range tps {
			if t.Stage == st.Key {
				col.Cells = append(col.Cells, journeyCell{Touchpoint: t, Signals: by[t.Key], Heat: heatClass(by[t.Key])})
			}
		}
		d.Columns = append(d.Columns, col)
	}
	c.render(w, r, http.StatusOK, v, pageJourney, d)
}
