package dataset

import (
	"errors"
	"math"
	"math/rand/v2"
)

// Spec describes a Gaussian mixture: Centres cluster centres drawn with
// coordinates N(0, Spread²); each cluster has Rank random orthonormal
// directions, the j-th scaled by Scale·Decay^j; every point adds isotropic
// noise N(0, Noise²) per coordinate. Count base points then Queries query
// points come from the same mixture, all from one PCG stream seeded with
// Seed, so a Spec always yields the same vectors.
type Spec struct {
	Dim, Count, Queries int
	Centres, Rank       int
	Spread, Scale       float64
	Decay, Noise        float64
	Seed                uint64
}

// ErrSpec is returned for a Spec that describes no mixture.
var ErrSpec = errors.New("dataset: bad generator spec")

// Easy returns a preset of well separated, low intrinsic dimension
// clusters (rank 4, fast decay, little noise): graph search finds the true
// neighbours at small L.
func Easy(dim, count, queries int, seed uint64) Spec {
	return Spec{Dim: dim, Count: count, Queries: queries, Centres: 16, Rank: min(4, dim),
		Spread: 1, Scale: 0.3 * math.Sqrt(float64(dim)), Decay: 0.6, Noise: 0.02, Seed: seed}
}

// Hard returns a preset of many overlapping clusters of high intrinsic
// dimension (rank up to 48, slow decay, more noise): recall needs a larger
// L, as on real embeddings.
func Hard(dim, count, queries int, seed uint64) Spec {
	return Spec{Dim: dim, Count: count, Queries: queries, Centres: 64, Rank: min(48, dim),
		Spread: 1, Scale: 0.5 * math.Sqrt(float64(dim)), Decay: 0.97, Noise: 0.3, Seed: seed}
}

// Generate returns the Spec's base and query vectors, each laid end to end
// (Count×Dim and Queries×Dim values).
func Generate(s Spec) (base, queries []float32, err error) {
	if s.Dim < 1 || s.Count < 0 || s.Queries < 0 || s.Centres < 1 || s.Rank < 1 ||
		s.Rank > s.Dim || !(s.Spread >= 0) || !(s.Scale >= 0) || !(s.Decay > 0) ||
		!(s.Noise >= 0) || int64(s.Count+s.Queries)*int64(s.Dim) > 1<<33 {
		return nil, nil, ErrSpec
	}
	r := rand.New(rand.NewPCG(s.Seed, 0x9e3779b97f4a7c15))
	d := s.Dim
	centres := make([]float64, s.Centres*d)
	for i := range centres {
		centres[i] = r.NormFloat64() * s.Spread
	}
	basis := make([]float64, s.Centres*s.Rank*d)
	for c := 0; c < s.Centres; c++ {
		orthonormal(r, basis[c*s.Rank*d:(c+1)*s.Rank*d], s.Rank, d)
	}
	scales := make([]float64, s.Rank)
	for j := range scales {
		scales[j] = s.Scale * math.Pow(s.Decay, float64(j))
	}
	all := make([]float32, (s.Count+s.Queries)*d)
	p := make([]float64, d)
	for i := 0; i < s.Count+s.Queries; i++ {
		c := r.IntN(s.Centres)
		copy(p, centres[c*d:(c+1)*d])
		for j := 0; j < s.Rank; j++ {
			z := r.NormFloat64() * scales[j]
			b := basis[(c*s.Rank+j)*d : (c*s.Rank+j+1)*d]
			for t := range p {
				p[t] += z * b[t]
			}
		}
		out := all[i*d : (i+1)*d]
		for t := range p {
			out[t] = float32(p[t] + r.NormFloat64()*s.Noise)
		}
	}
	return all[:s.Count*d], all[s.Count*d:], nil
}

// orthonormal fills b (rank×d) with random orthonormal rows (Gram-Schmidt
// on Gaussian vectors; a degenerate draw is redrawn).
func orthonormal(r *rand.Rand, b []float64, rank, d int) {
	for j := 0; j < rank; j++ {
		row := b[j*d : (j+1)*d]
		for {
			for t := range row {
				row[t] = r.NormFloat64()
			}
			for k := 0; k < j; k++ {
				prev := b[k*d : (k+1)*d]
				var dot float64
				for t := range row {
					dot += row[t] * prev[t]
				}
				for t := range row {
					row[t] -= dot * prev[t]
				}
			}
			var n2 float64
			for _, x := range row {
				n2 += x * x
			}
			if n2 > 1e-9 {
				inv := 1 / math.Sqrt(n2)
				for t := range row {
					row[t] *= inv
				}
				break
			}
		}
	}
}
