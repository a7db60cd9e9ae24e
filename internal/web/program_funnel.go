package web

import "github.com/tajrobe/tajrobe/internal/program"

// funnelRow is one step of a program's funnel: how many customers came to
// it, wait there now, went on past it or left there, over all versions,
// with the bar's lengths out of 100 (the step most reached).
type funnelRow struct {
	Step                              string
	Kind                              string
	Reached, Waiting, Passed, Exited  int
	Sent, Suppressed                  int
	WPassed, WWaiting, WExited, XWait float64
}

// funnelOf lines the counts up in the order of the program's steps; steps
// only older versions had come after.
func funnelOf(p *program.Program, c *program.Counts) []funnelRow {
	var rows []funnelRow
	at := map[string]int{}
	for _, s := range p.Steps {
		at[s.ID] = len(rows)
		rows = append(rows, funnelRow{Step: s.ID, Kind: stepKindOf(s)})
	}
	for _, s := range c.Steps {
		i, ok := at[s.Step]
		if !ok {
			at[s.Step], i = len(rows), len(rows)
			rows = append(rows, funnelRow{Step: s.Step})
		}
		r := &rows[i]
		r.Reached, r.Waiting, r.Exited = r.Reached+s.Reached, r.Waiting+s.Waiting, r.Exited+s.Exited
		r.Sent, r.Suppressed = r.Sent+s.Sent, r.Suppressed+s.Suppressed
	}
	most := 1
	for i := range rows {
		r := &rows[i]
		r.Passed = max(0, r.Reached-r.Waiting-r.Exited)
		most = max(most, r.Reached, r.Passed+r.Waiting+r.Exited)
	}
	for i := range rows {
		r := &rows[i]
		r.WPassed, r.WWaiting, r.WExited = share(r.Passed, most), share(r.Waiting, most), share(r.Exited, most)
		r.XWait = r.WPassed + r.WWaiting
	}
	return rows
}

func share(n, of int) float64 { return float64(n) * 100 / float64(of) }

// stepKindOf is a step's kind as the editor names it: an action step by
// its action.
func stepKindOf(s program.Step) string {
	if s.Action != nil {
		return s.Action.Kind
	}
	return s.Kind
}
