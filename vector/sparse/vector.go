package sparse

import (
	"errors"
	"math"
)

// Errors returned for invalid sparse vectors; the service maps them to
// Upstash's 400/422 replies.
var (
	// ErrLength: indices and values differ in length.
	ErrLength = errors.New("sparse vector indices and values must have the same length")
	// ErrTooMany: more than MaxNonZero entries.
	ErrTooMany = errors.New("sparse vector has more than 1000 non-zero dimensions")
	// ErrDuplicate: the same index appears twice.
	ErrDuplicate = errors.New("sparse vector has a duplicate index")
	// ErrNotFinite: a value is NaN or infinite.
	ErrNotFinite = errors.New("sparse vector value is not a finite number")
	// ErrNegativeIndex: an index below zero (the API's indices are int32).
	ErrNegativeIndex = errors.New("sparse vector index must not be negative")
)

// Vector is a sparse vector: Indices[i] holds Values[i]. After Normalize the
// indices are strictly increasing.
type Vector struct {
	Indices []uint32
	Values  []float32
}

// Len is the number of non-zero dimensions.
func (v Vector) Len() int { return len(v.Indices) }

// FromInt32 converts the API's signed indices into dst (reusing its
// storage), refusing negative ones, then normalizes the result.
func FromInt32(dst Vector, indices []int32, values []float32) (Vector, error) {
	if len(indices) != len(values) {
		return dst, ErrLength
	}
	dst.Indices = dst.Indices[:0]
	dst.Values = append(dst.Values[:0], values...)
	for _, ix := range indices {
		if ix < 0 {
			return dst, ErrNegativeIndex
		}
		dst.Indices = append(dst.Indices, uint32(ix))
	}
	return dst, dst.Normalize()
}

// Normalize checks v (equal lengths, at most MaxNonZero entries, finite
// values, no duplicate index) and sorts it by index in place. A vector
// with no entries is valid: it matches nothing.
func (v Vector) Normalize() error {
	if len(v.Indices) != len(v.Values) {
		return ErrLength
	}
	if len(v.Indices) > MaxNonZero {
		return ErrTooMany
	}
	sorted := true
	for i, x := range v.Values {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return ErrNotFinite
		}
		if i > 0 && v.Indices[i-1] >= v.Indices[i] {
			sorted = false
		}
	}
	if sorted {
		return nil
	}
	heapSortPairs(v.Indices, v.Values)
	for i := 1; i < len(v.Indices); i++ {
		if v.Indices[i-1] == v.Indices[i] {
			return ErrDuplicate
		}
	}
	return nil
}

// heapSortPairs sorts ix ascending, moving vals with it, in place and
// without allocating (sort.Sort would box an interface per call).
func heapSortPairs(ix []uint32, vals []float32) {
	n := len(ix)
	for i := n/2 - 1; i >= 0; i-- {
		siftDownPairs(ix, vals, i, n)
	}
	for end := n - 1; end > 0; end-- {
		ix[0], ix[end] = ix[end], ix[0]
		vals[0], vals[end] = vals[end], vals[0]
		siftDownPairs(ix, vals, 0, end)
	}
}

func siftDownPairs(ix []uint32, vals []float32, root, n int) {
	for {
		child := 2*root + 1
		if child >= n {
			return
		}
		if child+1 < n && ix[child+1] > ix[child] {
			child++
		}
		if ix[root] >= ix[child] {
			return
		}
		ix[root], ix[child] = ix[child], ix[root]
		vals[root], vals[child] = vals[child], vals[root]
		root = child
	}
}
