package pq

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"testing"
)

func TestReconstructionDecreasesWithM(t *testing.T) {
	const n, dim = 2000, 32
	data := clustered(n, dim, 20, 1)
	prev := math.Inf(1)
	for _, m := range []int{2, 4, 8, 16} {
		cb, err := Train(data, dim, TrainOptions{M: m, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		e := relError(cb, data)
		t.Logf("M=%d: relative reconstruction error %.4f", m, e)
		if e >= prev {
			t.Errorf("M=%d: error %.4f did not decrease from %.4f", m, e, prev)
		}
		prev = e
	}
	if prev > 0.005 {
		t.Errorf("M=16: relative error %.4f above the bound 0.005", prev)
	}
}

func TestADCMatchesReconstruction(t *testing.T) {
	const n, dim = 1000, 24
	data := clustered(n, dim, 10, 2)
	cb, err := Train(data, dim, TrainOptions{M: 5, Seed: 2}) // widths 5,5,5,5,4
	if err != nil {
		t.Fatal(err)
	}
	queries := clustered(20, dim, 10, 3)
	tab := cb.NewTable()
	code := make([]byte, cb.M())
	rec := make([]float32, dim)
	for _, metric := range []Metric{L2, InnerProduct} {
		for qi := 0; qi < 20; qi++ {
			q := queries[qi*dim : (qi+1)*dim]
			cb.Fill(tab, q, metric)
			for i := 0; i < n; i += 7 {
				cb.Encode(data[i*dim:(i+1)*dim], code)
				cb.Decode(code, rec)
				want := l2f64(q, rec)
				if metric == InnerProduct {
					want = -dotf64(q, rec)
				}
				got := float64(tab.Distance(code))
				scale := math.Sqrt(dotf64(q, q)*dotf64(rec, rec)) + l2f64(q, rec)
				if math.Abs(got-want) > 1e-5*scale+1e-6 {
					t.Fatalf("metric %d query %d vector %d: ADC %g, exact to reconstruction %g", metric, qi, i, got, want)
				}
			}
		}
	}
}

// TestRecall checks ranking quality: the true 10 nearest neighbours must
// be among the 100 best by PQ distance, for L2 and inner product on raw
// vectors and for cosine (L2 tables on normalized vectors: on unit
// vectors L2 ranks exactly as cosine, and the PQ estimate is better, see
// Metric).
func TestRecall(t *testing.T) {
	const n, dim, nq = 3000, 32, 40
	for _, c := range []struct {
		name   string
		metric Metric
		norm   bool
		min    float64 // recall of the true 10-NN in the PQ top 100
		min10  float64 // ... in the PQ top 10, a sharper test of ranking
	}{
		{"L2", L2, false, 0.97, 0.55},
		{"inner product", InnerProduct, false, 0.97, 0.55},
		{"cosine", L2, true, 0.97, 0.55},
	} {
		all := mixture(n+nq, dim, 5, 16, 0.2, 4) // queries from the same mixture
		if c.norm {
			normalize(all, dim)
		}
		data, queries := all[:n*dim], all[n*dim:]
		cb, err := Train(data, dim, TrainOptions{M: 8, Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		codes := make([]byte, n*cb.M())
		if err := cb.EncodeAll(data, codes, 0); err != nil {
			t.Fatal(err)
		}
		tab := cb.NewTable()
		pqd := make([]float32, n)
		exact := make([]float64, n)
		found, found10, total := 0, 0, 0
		for qi := 0; qi < nq; qi++ {
			q := queries[qi*dim : (qi+1)*dim]
			for i := range exact {
				if c.metric == L2 {
					exact[i] = l2f64(q, data[i*dim:(i+1)*dim])
				} else {
					exact[i] = -dotf64(q, data[i*dim:(i+1)*dim])
				}
			}
			cb.Fill(tab, q, c.metric)
			tab.Distances(codes, pqd)
			truth := topK(n, 10, func(i int) float64 { return exact[i] })
			cand := topK(n, 100, func(i int) float64 { return float64(pqd[i]) })
			for _, id := range truth {
				if slices.Contains(cand, id) {
					found++
				}
				if slices.Contains(cand[:10], id) {
					found10++
				}
				total++
			}
		}
		recall, recall10 := float64(found)/float64(total), float64(found10)/float64(total)
		t.Logf("%s: recall of true 10-NN in PQ top 100 = %.4f, in top 10 = %.4f", c.name, recall, recall10)
		if recall < c.min || recall10 < c.min10 {
			t.Errorf("%s: recall %.4f / %.4f below %.2f / %.2f", c.name, recall, recall10, c.min, c.min10)
		}
	}
}

func normalize(data []float32, dim int) {
	for i := 0; i+dim <= len(data); i += dim {
		v := data[i : i+dim]
		s := float32(1 / math.Sqrt(dotf64(v, v)))
		for j := range v {
			v[j] *= s
		}
	}
}

// topK returns the k indexes in 0..n with the smallest key.
func topK(n, k int, key func(int) float64) []int {
	ids := make([]int, n)
	for i := range ids {
		ids[i] = i
	}
	slices.SortFunc(ids, func(a, b int) int {
		ka, kb := key(a), key(b)
		if ka < kb {
			return -1
		}
		if ka > kb {
			return 1
		}
		return a - b
	})
	return ids[:k]
}

func TestUnevenDimensionAndTinyData(t *testing.T) {
	const n, dim = 50, 10
	data := clustered(n, dim, 3, 6)
	cb, err := Train(data, dim, TrainOptions{M: 3, Seed: 6})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := []int{cb.width(0), cb.width(1), cb.width(2)}, []int{4, 3, 3}; !slices.Equal(got, want) {
		t.Fatalf("subspace widths %v, want %v", got, want)
	}
	// Fewer points than centroids: every point is a centroid, so the
	// reconstruction is exact.
	if e := relError(cb, data); e != 0 {
		t.Fatalf("relative error %g on %d points, want 0", e, n)
	}
	if _, err := Train(data, dim, TrainOptions{M: dim, Seed: 6}); err != nil {
		t.Fatalf("M == dim: %v", err)
	}
	one, err := Train(data[:dim], dim, TrainOptions{M: 2})
	if err != nil {
		t.Fatalf("one training vector: %v", err)
	}
	if e := relError(one, data[:dim]); e != 0 && !math.IsNaN(e) {
		t.Fatalf("one vector: error %g", e)
	}
}

func TestTrainInvalid(t *testing.T) {
	data := clustered(10, 8, 2, 7)
	for _, c := range []struct {
		name string
		data []float32
		dim  int
		m    int
	}{
		{"M zero", data, 8, 0},
		{"M above dim", data, 8, 9},
		{"dim zero", data, 0, 1},
		{"dim huge", data, MaxDim + 1, 1},
		{"no data", nil, 8, 2},
		{"partial vector", data[:13], 8, 2},
	} {
		if _, err := Train(c.data, c.dim, TrainOptions{M: c.m}); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: err %v, want ErrInvalid", c.name, err)
		}
	}
	cb, err := Train(data, 8, TrainOptions{M: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := cb.EncodeAll(data[:12], make([]byte, 4), 1); !errors.Is(err, ErrInvalid) {
		t.Errorf("EncodeAll partial vector: %v, want ErrInvalid", err)
	}
	if err := cb.EncodeAll(data, make([]byte, 3), 1); !errors.Is(err, ErrInvalid) {
		t.Errorf("EncodeAll short codes: %v, want ErrInvalid", err)
	}
}

func TestDeterministic(t *testing.T) {
	const n, dim = 3000, 16
	data := clustered(n, dim, 8, 8)
	a, _ := Train(data, dim, TrainOptions{M: 4, Seed: 9, Workers: 1, Sample: 1000})
	b, _ := Train(data, dim, TrainOptions{M: 4, Seed: 9, Workers: 3, Sample: 1000})
	c, _ := Train(data, dim, TrainOptions{M: 4, Seed: 10, Workers: 3, Sample: 1000})
	if !bytes.Equal(a.AppendBinary(nil), b.AppendBinary(nil)) {
		t.Fatal("same seed, different worker counts: codebooks differ")
	}
	if bytes.Equal(a.AppendBinary(nil), c.AppendBinary(nil)) {
		t.Fatal("different seeds gave identical codebooks")
	}
	codes := make([]byte, n*4)
	if err := a.EncodeAll(data, codes, 3); err != nil {
		t.Fatal(err)
	}
	one := make([]byte, 4)
	for i := 0; i < n; i++ {
		a.Encode(data[i*dim:(i+1)*dim], one)
		if !bytes.Equal(one, codes[i*4:(i+1)*4]) {
			t.Fatalf("vector %d: EncodeAll %v, Encode %v", i, codes[i*4:(i+1)*4], one)
		}
	}
}

func TestNoAllocations(t *testing.T) {
	data := clustered(300, 32, 4, 11)
	cb, err := Train(data, 32, TrainOptions{M: 8})
	if err != nil {
		t.Fatal(err)
	}
	tab := cb.NewTable()
	code := make([]byte, 8)
	out := make([]float32, 300)
	codes := make([]byte, 300*8)
	if n := testing.AllocsPerRun(20, func() {
		cb.Fill(tab, data[:32], L2)
		cb.Encode(data[:32], code)
		tab.Distance(code)
		tab.Distances(codes, out)
	}); n != 0 {
		t.Fatalf("%v allocations per query, want 0", n)
	}
}
