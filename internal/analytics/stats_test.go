package analytics

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestNetScoreMatchesTheTextbook(t *testing.T) {
	// 50 promoters, 20 detractors of 100: NPS 30; variance 0.7 − 0.09 = 0.61.
	e := netScore(50, 20, 100)
	if e.Value != 30 || math.Abs(e.MarginOfError-100*z95*math.Sqrt(0.61/100)) > 0.01 || e.TooSmall {
		t.Fatalf("netScore = %+v", e)
	}
	if small := netScore(3, 1, 10); !small.TooSmall {
		t.Fatal("ten answers must be flagged too small to conclude")
	}
}

func TestCompareFlagsOnlyRealChanges(t *testing.T) {
	big := compare(netScore(600, 200, 1000), netScore(400, 300, 1000)) // 40 vs 10
	if !big.Significant || big.Delta != 30 {
		t.Fatalf("a 30-point move on 1000 answers each must be significant: %+v", big)
	}
	noise := compare(netScore(31, 20, 60), netScore(29, 21, 60))
	if noise.Significant {
		t.Fatalf("a few points on 60 answers is noise: %+v", noise)
	}
}

func TestMeanStandardError(t *testing.T) {
	// 1..5 once each: mean 3, sample variance 2.5.
	e := mean(15, 55, 5)
	if e.Value != 3 || math.Abs(e.se-math.Sqrt(2.5/5)) > 1e-9 {
		t.Fatalf("mean = %+v", e)
	}
}

func TestRelativeWeightsFindTheDriver(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var x [][]float64
	var y []float64
	for i := 0; i < 2000; i++ {
		delivery, staff, price := r.NormFloat64(), r.NormFloat64(), r.NormFloat64()
		staff = 0.5*delivery + 0.5*staff // correlated predictors, as in life
		x = append(x, []float64{delivery, staff, price})
		y = append(y, 3*delivery+1*staff+0*price+r.NormFloat64())
	}
	w, r2 := RelativeWeights(x, y)
	sum := w[0] + w[1] + w[2]
	if math.Abs(sum-r2) > 1e-9 || r2 < 0.85 || r2 > 0.95 {
		t.Fatalf("weights %v add to %v; R² %v", w, sum, r2)
	}
	if order := ranked(w); order[0] != 0 || order[2] != 2 || w[2] > 0.01 {
		t.Fatalf("delivery must drive, price must not: %v", w)
	}
}

func TestEigenOfAKnownMatrix(t *testing.T) {
	vals, _ := symmetricEigen([][]float64{{2, 1}, {1, 2}})
	lo, hi := math.Min(vals[0], vals[1]), math.Max(vals[0], vals[1])
	if math.Abs(lo-1) > 1e-9 || math.Abs(hi-3) > 1e-9 {
		t.Fatalf("eigenvalues %v, want 1 and 3", vals)
	}
}
