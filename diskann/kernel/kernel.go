// Package kernel holds the distance kernels of the vector index: squared
// L2, inner product and cosine over float32 vectors. Each has a portable
// Go implementation and, where the CPU has them (found with cpuid at
// start-up), SIMD implementations; the functions below call the one
// chosen.
//
// The choice is made once, in init: the environment variable
// UPDRAFT_KERNEL ("go" or "avx2") overrides it, and Use switches it in
// tests. Every kernel accepts empty vectors (distance 0) and reads only
// len(a) elements of b, which must be at least as long.
package kernel

// L2Squared returns the squared Euclidean distance between a and b, which
// have the same length.
func L2Squared(a, b []float32) float32 { return impl.l2sq(a, b) }

// Dot returns the inner product of a and b.
func Dot(a, b []float32) float32 { return impl.dot(a, b) }

// Norm returns the Euclidean norm of a.
func Norm(a []float32) float32 { return impl.norm(a) }

// CosineDistance returns 1 - cos(a, b), in [0, 2]; it is 1 when either
// vector is zero (no direction, so no similarity).
func CosineDistance(a, b []float32) float32 {
	ab, aa, bb := impl.dot(a, b), impl.dot(a, a), impl.dot(b, b)
	if aa == 0 || bb == 0 {
		return 1
	}
	return 1 - ab/sqrt32(aa*bb)
}

// L2SquaredRows writes into out[i] the squared L2 distance between q and
// row i of rows, a flat array of len(out) rows of len(q) values each.
func L2SquaredRows(q, rows, out []float32) {
	d := len(q)
	rows = rows[:d*len(out)]
	f := impl.l2sq
	for i := range out {
		out[i] = f(q, rows[i*d:(i+1)*d])
	}
}

// DotRows writes into out[i] the inner product of q and row i of rows, a
// flat array of len(out) rows of len(q) values each.
func DotRows(q, rows, out []float32) {
	d := len(q)
	rows = rows[:d*len(out)]
	f := impl.dot
	for i := range out {
		out[i] = f(q, rows[i*d:(i+1)*d])
	}
}

// Impl names the implementation in use ("go", "avx2"...).
func Impl() string { return impl.name }

// kernels is one implementation of every kernel.
type kernels struct {
	name string
	l2sq func(a, b []float32) float32
	dot  func(a, b []float32) float32
	norm func(a []float32) float32
}

// impl is the implementation chosen at start-up.
var impl = portable
