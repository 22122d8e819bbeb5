package vector

import (
	"math"
	"strings"
)

// Metric is an index's similarity function.
type Metric uint8

// The similarity functions of Upstash Vector.
const (
	Cosine Metric = iota
	Euclidean
	DotProduct
)

var metricNames = [...]string{"COSINE", "EUCLIDEAN", "DOT_PRODUCT"}

// String returns the API's name of m.
func (m Metric) String() string { return metricNames[m] }

// ParseMetric reads a similarity function name, case-insensitively.
func ParseMetric(s string) (Metric, bool) {
	for i, n := range metricNames {
		if strings.EqualFold(s, n) {
			return Metric(i), true
		}
	}
	return 0, false
}

// Kind is an index's type: which vectors its records carry.
type Kind uint8

// The index types of Upstash Vector.
const (
	Dense Kind = iota
	Sparse
	Hybrid
)

var kindNames = [...]string{"DENSE", "SPARSE", "HYBRID"}

// String returns the API's name of k.
func (k Kind) String() string { return kindNames[k] }

// ParseKind reads an index type name, case-insensitively.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if strings.EqualFold(s, n) {
			return Kind(i), true
		}
	}
	return 0, false
}

func (k Kind) hasDense() bool  { return k != Sparse }
func (k Kind) hasSparse() bool { return k != Dense }

// score is the API's normalized score of a stored vector v for the query q,
// computed in float64 so that a record queried with its own vector scores
// exactly 1 (sqrt(x*x) == x in IEEE arithmetic), clamped to [0, 1].
func score(m Metric, q, v []float32) float64 {
	var s float64
	switch m {
	case Euclidean:
		var d float64
		for i, x := range q {
			t := float64(x) - float64(v[i])
			d += t * t
		}
		s = 1 / (1 + d)
	case DotProduct:
		var d float64
		for i, x := range q {
			d += float64(x) * float64(v[i])
		}
		s = (1 + d) / 2
	default:
		var d, nq, nv float64
		for i, x := range q {
			y := float64(v[i])
			d += float64(x) * y
			nq += float64(x) * float64(x)
			nv += y * y
		}
		cos := 0.0
		if nq > 0 && nv > 0 {
			cos = d / math.Sqrt(nq*nv)
		}
		s = (1 + cos) / 2
	}
	if s > 1 {
		return 1
	}
	if !(s >= 0) { // also NaN
		return 0
	}
	return s
}
