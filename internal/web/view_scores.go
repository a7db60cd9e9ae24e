package web

import (
	"math"
	"strings"

	"github.com/tajrobe/tajrobe/internal/analytics"
	"github.com/tajrobe/tajrobe/internal/locale"
)

// Score writes a measured value with one decimal where it has one, or a
// dash when too few answered to show it.
func (v *View) Score(e analytics.Estimate) string {
	if e.N == 0 {
		return "–"
	}
	return v.Dec(e.Value)
}

// Dec writes f with at most one decimal in the viewer's digits.
func (v *View) Dec(f float64) string {
	r := math.Round(f*10) / 10
	if r == math.Trunc(r) {
		return locale.FormatInt(int64(r), v.Lang)
	}
	return locale.FormatFloat(r, 1, v.Lang)
}

// MoE writes an estimate's 95% margin of error as "± x".
func (v *View) MoE(e analytics.Estimate) string {
	if e.N == 0 {
		return ""
	}
	return "± " + v.Dec(e.MarginOfError)
}

// Delta writes a change with its sign, as the figures are written.
func (v *View) Delta(f float64) string {
	s := v.Dec(f)
	if math.Round(f*10) > 0 {
		s = plus(v.Lang) + s
	}
	return s
}

// N64 formats a count with the viewer's digits and grouping.
func (v *View) N64(n int64) string { return locale.FormatInt(n, v.Lang) }

// PtrDec writes an optional figure, or a dash.
func (v *View) PtrDec(f *float64) string {
	if f == nil {
		return "–"
	}
	return v.Dec(*f)
}

// Share writes an optional fraction from 0 to 1 as a percentage.
func (v *View) Share(f *float64) string {
	if f == nil {
		return "–"
	}
	s := v.Dec(*f * 100)
	if locale.IsPersian(v.Lang) {
		return s + "٪"
	}
	return s + "%"
}

// Named picks the Persian or English of a pair of names, the other when
// the viewer's is empty.
func (v *View) Named(fa, en string) string {
	if locale.IsPersian(v.Lang) && fa != "" || en == "" {
		return fa
	}
	return en
}

// Percent writes an estimate that is a percentage, with the sign of the
// viewer's language.
func (v *View) Percent(e analytics.Estimate) string {
	if e.N == 0 {
		return "–"
	}
	if locale.IsPersian(v.Lang) {
		return v.Dec(e.Value) + "٪"
	}
	return v.Dec(e.Value) + "%"
}

// GapClass colours a gap to target: below it (negative) or not.
func (v *View) GapClass(gap *float64) string {
	if gap != nil && *gap < 0 {
		return "gap-neg"
	}
	return "gap-pos"
}

// PtrDelta writes an optional change with its sign, or a dash.
func (v *View) PtrDelta(f *float64) string {
	if f == nil {
		return "–"
	}
	return v.Delta(*f)
}

// Is reports whether the page's path, without its query, is p.
func (v *View) Is(p string) bool { return strings.SplitN(v.Path, "?", 2)[0] == p }
