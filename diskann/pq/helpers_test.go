package pq

import (
	"math"
	"math/rand/v2"
)

// clustered returns n vectors of dim values from a Gaussian mixture:
// centres clusters, each a random centre plus a random rank-8 basis with
// decaying scales, plus small isotropic noise, from one seeded PCG stream.
func clustered(n, dim, centres int, seed uint64) []float32 {
	return mixture(n, dim, centres, 8, 0.05, seed)
}

// mixture is clustered with a chosen rank per cluster and noise level:
// higher rank and noise make neighbours harder to tell apart.
func mixture(n, dim, centres, rank int, noise float64, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 7))
	centre := make([]float64, centres*dim)
	basis := make([]float64, centres*rank*dim)
	for i := range centre {
		centre[i] = rng.NormFloat64() * 3
	}
	for i := range basis {
		basis[i] = rng.NormFloat64() / math.Sqrt(float64(dim))
	}
	out := make([]float32, n*dim)
	for i := 0; i < n; i++ {
		c := rng.IntN(centres)
		v := out[i*dim : (i+1)*dim]
		for j := range v {
			v[j] = float32(centre[c*dim+j] + rng.NormFloat64()*noise)
		}
		for r := 0; r < rank; r++ {
			z := rng.NormFloat64() * 2 / float64(r+1)
			b := basis[(c*rank+r)*dim : (c*rank+r+1)*dim]
			for j := range v {
				v[j] += float32(z * b[j])
			}
		}
	}
	return out
}

// relError is the reconstruction error of cb on data, as a fraction of
// the data's variance: sum ||x - decode(encode(x))||² / sum ||x - mean||².
func relError(cb *Codebook, data []float32) float64 {
	dim := cb.Dim()
	n := len(data) / dim
	mean := make([]float64, dim)
	for i := 0; i < n; i++ {
		for j := 0; j < dim; j++ {
			mean[j] += float64(data[i*dim+j]) / float64(n)
		}
	}
	code := make([]byte, cb.M())
	rec := make([]float32, dim)
	var errSum, varSum float64
	for i := 0; i < n; i++ {
		x := data[i*dim : (i+1)*dim]
		cb.Encode(x, code)
		cb.Decode(code, rec)
		for j := range x {
			d := float64(x[j]) - float64(rec[j])
			errSum += d * d
			v := float64(x[j]) - mean[j]
			varSum += v * v
		}
	}
	return errSum / varSum
}

func l2f64(a, b []float32) float64 {
	var s float64
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	return s
}

func dotf64(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}
