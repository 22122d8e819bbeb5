package pq

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/updraftdb/updraft/diskann/kernel"
)

// Errors returned by the package; callers match them with errors.Is.
var (
	// ErrInvalid reports bad arguments: a dimension, M or data length
	// that does not fit.
	ErrInvalid = errors.New("pq: invalid argument")
	// ErrCorrupt reports a codebook file that fails its checks.
	ErrCorrupt = errors.New("pq: corrupt codebook")
	// ErrVersion reports a codebook file of a version this code does not
	// read.
	ErrVersion = errors.New("pq: unsupported codebook version")
)

// Codebook is a trained product quantizer: a vector of Dim values is cut
// into M consecutive subspaces (the first Dim%M of them one value wider
// when M does not divide Dim), and each subspace has Centroids centroids.
// A Codebook is read-only once built and safe for concurrent use.
type Codebook struct {
	dim, m int
	// offs[s] is where subspace s starts in a vector; offs[m] == dim.
	offs []int
	// cents holds every centroid: subspace s's block starts at
	// Centroids*offs[s] and its centroid c is the width(s) values at
	// Centroids*offs[s] + c*width(s).
	cents []float32
}

// newCodebook lays out an empty codebook; dim and m must be valid.
func newCodebook(dim, m int) *Codebook {
	cb := &Codebook{dim: dim, m: m, offs: make([]int, m+1), cents: make([]float32, Centroids*dim)}
	base, extra := dim/m, dim%m
	for s := 0; s < m; s++ {
		w := base
		if s < extra {
			w++
		}
		cb.offs[s+1] = cb.offs[s] + w
	}
	return cb
}

// checkShape validates a dimension and a number of subspaces.
func checkShape(dim, m int) error {
	if dim < 1 || dim > MaxDim {
		return fmt.Errorf("%w: dimension must be in 1..65536", ErrInvalid)
	}
	if m < 1 || m > dim {
		return fmt.Errorf("%w: M (bytes per vector) must be in 1..dimension", ErrInvalid)
	}
	return nil
}

// Dim is the dimension of the vectors the codebook encodes.
func (cb *Codebook) Dim() int { return cb.dim }

// M is the number of subspaces, which is the length of a code in bytes.
func (cb *Codebook) M() int { return cb.m }

// width is the number of values of subspace s.
func (cb *Codebook) width(s int) int { return cb.offs[s+1] - cb.offs[s] }

// block returns subspace s's centroids, Centroids rows of width(s).
func (cb *Codebook) block(s int) []float32 {
	return cb.cents[Centroids*cb.offs[s] : Centroids*cb.offs[s+1]]
}

// Centroid returns centroid c of subspace s (a view, not a copy).
func (cb *Codebook) Centroid(s int, c byte) []float32 {
	w := cb.width(s)
	return cb.block(s)[int(c)*w : (int(c)+1)*w]
}

// Encode writes into code (M bytes) the nearest centroid of each subspace
// of vec (Dim values).
func (cb *Codebook) Encode(vec []float32, code []byte) {
	vec, code = vec[:cb.dim], code[:cb.m]
	var d [Centroids]float32
	for s := range code {
		l2Rows(vec[cb.offs[s]:cb.offs[s+1]], cb.block(s), &d)
		code[s] = argmin(&d)
	}
}

// EncodeAll encodes the n = len(data)/Dim vectors of data into codes
// (n*M bytes), in parallel over workers goroutines (0 means GOMAXPROCS).
func (cb *Codebook) EncodeAll(data []float32, codes []byte, workers int) error {
	n := len(data) / cb.dim
	if n*cb.dim != len(data) || len(codes) != n*cb.m {
		return fmt.Errorf("%w: data must hold whole vectors and codes M bytes for each", ErrInvalid)
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	const chunk = 256 // vectors per task: big enough to amortize, small enough to balance
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for {
				mu.Lock()
				lo := next
				next += chunk
				mu.Unlock()
				if lo >= n {
					return
				}
				hi := min(lo+chunk, n)
				for i := lo; i < hi; i++ {
					cb.Encode(data[i*cb.dim:(i+1)*cb.dim], codes[i*cb.m:(i+1)*cb.m])
				}
			}
		})
	}
	wg.Wait()
	return nil
}

// Decode writes into dst (Dim values) the reconstruction of code: the
// concatenation of its centroids.
func (cb *Codebook) Decode(code []byte, dst []float32) {
	dst, code = dst[:cb.dim], code[:cb.m]
	for s, c := range code {
		copy(dst[cb.offs[s]:cb.offs[s+1]], cb.Centroid(s, c))
	}
}

// sqDist is the squared L2 distance of two short subvectors: a plain loop
// below the width where the SIMD kernel's call overhead pays off.
func sqDist(a, b []float32) float32 {
	if len(a) >= simdWidth {
		return kernel.L2Squared(a, b)
	}
	b = b[:len(a)]
	var s float32
	for i := range a {
		d := a[i] - b[i]
		s += d * d
	}
	return s
}

// simdWidth is the subvector width from which sqDist and subDot call the
// kernels instead of a plain loop (vek's assembly takes 32 values a step
// and does shorter inputs one by one).
const simdWidth = 32
