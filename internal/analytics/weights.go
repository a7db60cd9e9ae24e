package analytics

import (
	"math"
	"sort"
)

// RelativeWeights splits the R² of a linear regression of y on the columns
// of x among the predictors (Johnson's relative weights, 2000): each
// weight is the predictor's share of what the model explains, and they add
// up to R². Unlike raw coefficients it stays meaningful when predictors
// are correlated, as touchpoint scores always are. Rows are observations.
func RelativeWeights(x [][]float64, y []float64) (weights []float64, r2 float64) {
	k := len(x[0])
	rxx := correlations(x)
	rxy := make([]float64, k)
	for j := 0; j < k; j++ {
		rxy[j] = correlation(column(x, j), y)
	}
	vals, vecs := symmetricEigen(rxx)
	// Λ = V diag(√λ) Vᵀ: the correlations between the predictors and their
	// closest orthogonal counterparts.
	lambda := make([][]float64, k)
	for i := range lambda {
		lambda[i] = make([]float64, k)
		for j := 0; j < k; j++ {
			for m := 0; m < k; m++ {
				lambda[i][j] += vecs[i][m] * math.Sqrt(math.Max(vals[m], 0)) * vecs[j][m]
			}
		}
	}
	beta := solve(lambda, rxy) // regression of y on the orthogonal counterparts
	weights = make([]float64, k)
	for j := 0; j < k; j++ {
		for m := 0; m < k; m++ {
			weights[j] += lambda[j][m] * lambda[j][m] * beta[m] * beta[m]
		}
		r2 += weights[j]
	}
	return weights, r2
}

func column(x [][]float64, j int) []float64 {
	c := make([]float64, len(x))
	for i := range x {
		c[i] = x[i][j]
	}
	return c
}

func correlations(x [][]float64) [][]float64 {
	k := len(x[0])
	cols := make([][]float64, k)
	for j := range cols {
		cols[j] = column(x, j)
	}
	r := make([][]float64, k)
	for i := range r {
		r[i] = make([]float64, k)
		for j := range r[i] {
			if i == j {
				r[i][j] = 1
			} else {
				r[i][j] = correlation(cols[i], cols[j])
			}
		}
	}
	return r
}

// correlation is Pearson's r; a constant series correlates with nothing.
func correlation(a, b []float64) float64 {
	n := float64(len(a))
	var sa, sb float64
	for i := range a {
		sa += a[i]
		sb += b[i]
	}
	ma, mb := sa/n, sb/n
	var cov, va, vb float64
	for i := range a {
		da, db := a[i]-ma, b[i]-mb
		cov += da * db
		va += da * da
		vb += db * db
	}
	if va == 0 || vb == 0 {
		return 0
	}
	return cov / math.Sqrt(va*vb)
}

// symmetricEigen diagonalises a symmetric matrix by cyclic Jacobi rotations
// and returns its eigenvalues and eigenvectors (as columns).
func symmetricEigen(m [][]float64) ([]float64, [][]float64) {
	k := len(m)
	a := make([][]float64, k)
	v := make([][]float64, k)
	for i := range a {
		a[i] = append([]float64(nil), m[i]...)
		v[i] = make([]float64, k)
		v[i][i] = 1
	}
	for sweep := 0; sweep < 100 && offDiagonal(a) > 1e-22; sweep++ {
		for p := 0; p < k; p++ {
			for q := p + 1; q < k; q++ {
				rotate(a, v, p, q)
			}
		}
	}
	vals := make([]float64, k)
	for i := range vals {
		vals[i] = a[i][i]
	}
	return vals, v
}

func offDiagonal(a [][]float64) float64 {
	s := 0.0
	for i := range a {
		for j := range a {
			if i != j {
				s += a[i][j] * a[i][j]
			}
		}
	}
	return s
}

// rotate zeroes a[p][q] with one Jacobi rotation, accumulating it into v.
func rotate(a, v [][]float64, p, q int) {
	if math.Abs(a[p][q]) < 1e-300 {
		return
	}
	theta := (a[q][q] - a[p][p]) / (2 * a[p][q])
	t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
	c := 1 / math.Sqrt(t*t+1)
	s := t * c
	for k := range a {
		akp, akq := a[k][p], a[k][q]
		a[k][p], a[k][q] = c*akp-s*akq, s*akp+c*akq
	}
	for k := range a {
		apk, aqk := a[p][k], a[q][k]
		a[p][k], a[q][k] = c*apk-s*aqk, s*apk+c*aqk
	}
	for k := range v {
		vkp, vkq := v[k][p], v[k][q]
		v[k][p], v[k][q] = c*vkp-s*vkq, s*vkp+c*vkq
	}
}

// solve solves a·x = b by Gaussian elimination with partial pivoting; a
// singular system gives zeros for the undetermined unknowns.
func solve(a [][]float64, b []float64) []float64 {
	k := len(b)
	m := make([][]float64, k)
	for i := range m {
		m[i] = append(append([]float64(nil), a[i]...), b[i])
	}
	for col := 0; col < k; col++ {
		pivot := col
		for r := col + 1; r < k; r++ {
			if math.Abs(m[r][col]) > math.Abs(m[pivot][col]) {
				pivot = r
			}
		}
		m[col], m[pivot] = m[pivot], m[col]
		if math.Abs(m[col][col]) < 1e-12 {
			continue
		}
		for r := 0; r < k; r++ {
			if r != col {
				f := m[r][col] / m[col][col]
				for c := col; c <= k; c++ {
					m[r][c] -= f * m[col][c]
				}
			}
		}
	}
	x := make([]float64, k)
	for i := range x {
		if math.Abs(m[i][i]) >= 1e-12 {
			x[i] = m[i][k] / m[i][i]
		}
	}
	return x
}

// ranked returns indexes of w from the largest weight down.
func ranked(w []float64) []int {
	idx := make([]int, len(w))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return w[idx[a]] > w[idx[b]] })
	return idx
}
