package analytics

import "math"

// z95 is the normal quantile for a two-sided 95% interval.
const z95 = 1.959964

// MinSample is the smallest sample a score is judged on; below it the
// score is shown but flagged as too small to conclude.
const MinSample = 30

// Estimate is a measured value with its 95% margin of error.
type Estimate struct {
	Value         float64 `json:"value"`
	N             int64   `json:"n"`
	MarginOfError float64 `json:"margin_of_error"`
	TooSmall      bool    `json:"too_small"`
	se            float64
}

func estimate(value, se float64, n int64) Estimate {
	if n == 0 {
		return Estimate{TooSmall: true}
	}
	return Estimate{Value: round(value, 2), N: n, MarginOfError: round(z95*se, 2), TooSmall: n < MinSample, se: se}
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// netScore is an NPS-like score in −100…100 from counts of a +1 group and
// a −1 group among n; its standard error treats each answer as +1, 0, −1.
func netScore(plus, minus, n int64) Estimate {
	if n <= 0 {
		return Estimate{TooSmall: true}
	}
	p, m := float64(plus)/float64(n), float64(minus)/float64(n)
	v := p + m - (p-m)*(p-m)
	return estimate(100*(p-m), 100*math.Sqrt(math.Max(v, 0)/float64(n)), n)
}

// share is a percentage of n with its binomial standard error.
func share(k, n int64) Estimate {
	if n <= 0 {
		return Estimate{TooSmall: true}
	}
	p := float64(k) / float64(n)
	return estimate(100*p, 100*math.Sqrt(p*(1-p)/float64(n)), n)
}

// mean is an average with its standard error, from the sum and the sum of
// squares.
func mean(total, totalSq, n int64) Estimate {
	if n <= 0 {
		return Estimate{TooSmall: true}
	}
	m := float64(total) / float64(n)
	variance := 0.0
	if n > 1 {
		variance = (float64(totalSq) - float64(n)*m*m) / float64(n-1)
	}
	return estimate(m, math.Sqrt(math.Max(variance, 0)/float64(n)), n)
}

// Change compares an estimate with the previous period's.
type Change struct {
	Previous    Estimate `json:"previous"`
	Delta       float64  `json:"delta"`
	Significant bool     `json:"significant"` // the difference is beyond chance at 95%
}

// compare tests the difference of two independent estimates.
func compare(now, before Estimate) *Change {
	c := &Change{Previous: before, Delta: round(now.Value-before.Value, 2)}
	if now.N > 0 && before.N > 0 {
		se := math.Sqrt(now.se*now.se + before.se*before.se)
		c.Significant = se > 0 && math.Abs(now.Value-before.Value) > z95*se
	}
	return c
}
