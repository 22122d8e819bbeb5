package kernel

import "github.com/viterin/vek/vek32"

// avx2 is vek's AVX2+FMA assembly (vek v0.4.3 has no AVX-512 or NEON
// kernels; on other CPUs it falls back to plain loops slower than ours,
// so it is only chosen where its acceleration is on).
var avx2 = kernels{name: "avx2", l2sq: l2sqVek, dot: dotVek, norm: normVek}

// dotVek is vek's inner product; vek panics on empty input, so length 0
// is answered here.
func dotVek(a, b []float32) float32 {
	if len(a) == 0 {
		return 0
	}
	return vek32.Dot(a, b[:len(a)])
}

// l2sqVek squares vek's Euclidean distance. vek has no squared form; its
// Distance is one fused subtract-square pass ending in an approximate
// square root (rsqrt plus one Newton step), so squaring it back costs a
// relative error of a few 1e-7, which the tests bound. The alternatives
// are worse: ||a||²+||b||²-2a·b cancels catastrophically for near
// neighbours, and a-b into a scratch buffer then Dot makes two passes and
// needs per-goroutine scratch.
func l2sqVek(a, b []float32) float32 {
	if len(a) == 0 {
		return 0
	}
	d := vek32.Distance(a, b[:len(a)])
	return d * d
}

// normVek is the square root of vek's a·a (vek's own Norm uses the same
// approximate square root as Distance; this one is correctly rounded).
func normVek(a []float32) float32 { return sqrt32(dotVek(a, a)) }
