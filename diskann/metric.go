package diskann

import (
	"errors"
	"math"
	"strconv"
)

// Metric is the distance an index ranks by.
type Metric uint8

// The metrics. Results report, for L2, the squared Euclidean distance; for
// Cosine, 1 - cos(q, x); for InnerProduct, -<q, x> (smaller is nearer for
// all three).
const (
	L2 Metric = iota
	Cosine
	InnerProduct
)

// String returns the metric's name.
func (m Metric) String() string {
	switch m {
	case L2:
		return "l2"
	case Cosine:
		return "cosine"
	case InnerProduct:
		return "ip"
	}
	return "metric(" + strconv.Itoa(int(m)) + ")"
}

// Errors of bad input.
var (
	ErrDimension   = errors.New("diskann: vector length is not a multiple of the dimension, or dimension < 1")
	ErrNonFinite   = errors.New("diskann: vector holds NaN or Inf")
	ErrZeroVector  = errors.New("diskann: zero vector has no direction (cosine metric)")
	ErrMetric      = errors.New("diskann: unknown metric")
	ErrParams      = errors.New("diskann: bad parameter")
	ErrEmpty       = errors.New("diskann: no vectors")
	ErrTooMany     = errors.New("diskann: more than 2^32-1 vectors")
	ErrQueryLength = errors.New("diskann: query length differs from the index dimension")
)

// storedDim is the length of a stored vector for a metric: inner product
// adds the coordinate that maps it onto L2.
func storedDim(m Metric, dim int) int {
	if m == InnerProduct {
		return dim + 1
	}
	return dim
}

// checkFinite reports ErrNonFinite if v holds NaN or ±Inf.
func checkFinite(v []float32) error {
	for _, x := range v {
		if x != x || x > math.MaxFloat32 || x < -math.MaxFloat32 {
			return ErrNonFinite
		}
	}
	return nil
}

// prepareStore copies vecs (n×dim) into the graph's store (n×sdim) in the
// metric's L2 form, and returns it with M² (inner product; else 0).
func prepareStore(m Metric, vecs []float32, dim int) ([]float32, float32, error) {
	if m > InnerProduct {
		return nil, 0, ErrMetric
	}
	if dim < 1 || len(vecs)%dim != 0 {
		return nil, 0, ErrDimension
	}
	if err := checkFinite(vecs); err != nil {
		return nil, 0, err
	}
	n := len(vecs) / dim
	sdim := storedDim(m, dim)
	out := make([]float32, n*sdim)
	var maxN2 float64
	for i := 0; i < n; i++ {
		src := vecs[i*dim : (i+1)*dim]
		dst := out[i*sdim : (i+1)*sdim]
		copy(dst, src)
		switch m {
		case Cosine:
			if err := normalize(dst); err != nil {
				return nil, 0, err
			}
		case InnerProduct:
			if s := sqNorm64(src); s > maxN2 {
				maxN2 = s
			}
		}
	}
	if m == InnerProduct {
		for i := 0; i < n; i++ {
			s := sqNorm64(out[i*sdim : i*sdim+dim])
			out[i*sdim+dim] = float32(math.Sqrt(math.Max(0, maxN2-s)))
		}
	}
	return out, float32(maxN2), nil
}

// prepareQuery writes q in the metric's L2 form into dst (len sdim).
func prepareQuery(m Metric, q, dst []float32) error {
	if err := checkFinite(q); err != nil {
		return err
	}
	copy(dst, q)
	switch m {
	case Cosine:
		return normalize(dst)
	case InnerProduct:
		dst[len(dst)-1] = 0
	}
	return nil
}

// normalize scales v to unit length in place.
func normalize(v []float32) error {
	s := sqNorm64(v)
	if s == 0 {
		return ErrZeroVector
	}
	inv := 1 / math.Sqrt(s)
	for i := range v {
		v[i] = float32(float64(v[i]) * inv)
	}
	return nil
}

func sqNorm64(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return s
}
