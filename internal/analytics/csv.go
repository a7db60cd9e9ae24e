package analytics

import (
	"encoding/csv"
	"io"
	"sort"
	"strconv"
	"time"
)

// Table is a result that exports as CSV: a header and rows of text.
type Table interface {
	Header() []string
	Rows() [][]string
}

// WriteCSV writes a table as CSV.
func WriteCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header()); err != nil {
		return err
	}
	if err := cw.WriteAll(t.Rows()); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func f2(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
func i2(v int64) string   { return strconv.FormatInt(v, 10) }
func b2(v bool) string    { return strconv.FormatBool(v) }

func opt(v *float64) string {
	if v == nil {
		return ""
	}
	return f2(*v)
}

func estimateCells(e Estimate) []string {
	return []string{f2(e.Value), i2(e.N), f2(e.MarginOfError), b2(e.TooSmall)}
}

// SeriesTable is a time series as a table.
type SeriesTable []Point

// Header names the columns.
func (SeriesTable) Header() []string {
	return []string{"start", "label", "touchpoint", "value", "n", "margin_of_error", "too_small"}
}

// Rows renders the points.
func (s SeriesTable) Rows() [][]string {
	out := make([][]string, len(s))
	for i, p := range s {
		out[i] = append([]string{p.Start.Format(time.RFC3339), p.Label, p.Touchpoint}, estimateCells(p.Estimate)...)
	}
	return out
}

// MapTable is the journey map as a table.
type MapTable []Cell

// Header names the columns.
func (MapTable) Header() []string {
	return []string{"touchpoint", "name_fa", "name_en", "stage", "phase", "channel", "events", "positive", "negative",
		"signal_balance", "signal_balance_moe", "signal_balance_change", "change_significant", "target_metric", "target", "score", "score_n", "gap"}
}

// Rows renders the cells.
func (m MapTable) Rows() [][]string {
	out := make([][]string, len(m))
	for i, c := range m {
		change, sig := "", ""
		if c.SignalBalance.Change != nil {
			change, sig = f2(c.SignalBalance.Change.Delta), b2(c.SignalBalance.Change.Significant)
		}
		out[i] = []string{c.Touchpoint, c.NameFa, c.NameEn, c.Stage, c.Phase, c.Channel, i2(c.Events), i2(c.Positive),
			i2(c.Negative), f2(c.SignalBalance.Value), f2(c.SignalBalance.MarginOfError), change, sig, c.TargetMetric,
			opt(c.Target), f2(c.Score.Value), i2(c.Score.N), opt(c.Gap)}
	}
	return out
}

// FlowTable is the stage flow as a table.
type FlowTable []Flow

// Header names the columns.
func (FlowTable) Header() []string {
	return []string{"stage", "reached", "next", "went_on", "conversion", "conversion_moe"}
}

// Rows renders the stages.
func (f FlowTable) Rows() [][]string {
	out := make([][]string, len(f))
	for i, s := range f {
		out[i] = []string{s.Stage, i2(s.Reached), s.Next, i2(s.WentOn), f2(s.Conversion.Value), f2(s.Conversion.MarginOfError)}
	}
	return out
}

// Header names the columns of the gaps view.
func (g *Gaps) Header() []string {
	return []string{"touchpoint", "stage", "importance", "performance", "performance_moe", "target", "score", "gap", "quadrant", "fix_first"}
}

// Rows renders the touchpoints of the gaps view.
func (g *Gaps) Rows() [][]string {
	out := make([][]string, len(g.Touchpoints))
	for i, t := range g.Touchpoints {
		out[i] = []string{t.Touchpoint, t.Stage, f2(t.Importance), f2(t.Performance.Value), f2(t.Performance.MarginOfError),
			opt(t.Target), f2(t.Score.Value), opt(t.Gap), t.Quadrant, b2(t.Touchpoint == g.FixFirst)}
	}
	return out
}

// Header names the columns of a driver analysis.
func (d *Drivers) Header() []string {
	return []string{"question", "kind", "importance", "correlation", "mean", "n"}
}

// Rows renders the drivers.
func (d *Drivers) Rows() [][]string {
	out := make([][]string, len(d.Drivers))
	for i, r := range d.Drivers {
		out[i] = []string{r.Question, r.Kind, f2(r.Importance), f2(r.Correlation), f2(r.Mean), strconv.Itoa(r.N)}
	}
	return out
}

// Header names the columns of the pillars index.
func (p *Pillars) Header() []string {
	return []string{"pillar", "index", "n", "margin_of_error", "too_small", "questions"}
}

// Rows renders the pillars, then the overall index.
func (p *Pillars) Rows() [][]string {
	out := make([][]string, 0, len(p.Pillars)+1)
	for _, pl := range p.Pillars {
		out = append(out, append(append([]string{pl.Pillar}, estimateCells(pl.Index)...), strconv.Itoa(pl.Questions)))
	}
	return append(out, append(append([]string{"all"}, estimateCells(p.Index)...), ""))
}

// Header names the columns of the summary, one row per metric.
func (s *Summary) Header() []string {
	return []string{"metric", "value", "n", "margin_of_error", "too_small", "previous", "delta", "significant"}
}

// Rows renders the summary's metrics and counts.
func (s *Summary) Rows() [][]string {
	var out [][]string
	for _, m := range []struct {
		name string
		m    Metric
	}{{"nps", s.NPS}, {"csat", s.CSAT}, {"ces", s.CES}, {"signal_balance", s.SignalBalance}} {
		row := append([]string{m.name}, estimateCells(m.m.Estimate)...)
		if c := m.m.Change; c != nil {
			row = append(row, f2(c.Previous.Value), f2(c.Delta), b2(c.Significant))
		}
		out = append(out, row)
	}
	for _, c := range []struct {
		name string
		n    int64
	}{{"events", s.Events}, {"responses", s.Responses}, {"invitations", s.Invitations}} {
		out = append(out, []string{c.name, i2(c.n), i2(c.n)})
	}
	return out
}

// Header names the columns of the emotion view: one row per feeling.
func (e *Emotion) Header() []string { return []string{"feeling", "respondents"} }

// Rows renders the feelings, then the connection figures.
func (e *Emotion) Rows() [][]string {
	var out [][]string
	for _, f := range sortedKeys(e.Feelings) {
		out = append(out, []string{f, i2(e.Feelings[f])})
	}
	return append(out, []string{"connected_percent", f2(e.Connected.Value)}, []string{"only_satisfied_percent", f2(e.OnlySatisfied.Value)},
		[]string{"nps_connected", f2(e.NPSConnected.Value)}, []string{"nps_unconnected", f2(e.NPSUnconnected.Value)})
}

func sortedKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
