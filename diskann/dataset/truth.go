package dataset

import (
	"errors"
	"math"
	"os"
	"runtime"
	"sync"
)

// Distance is the measure ground truth ranks by (smaller is nearer).
type Distance uint8

// The distances: squared L2, negative inner product, 1 - cosine.
const (
	L2 Distance = iota
	InnerProduct
	Cosine
)

// ErrShape is returned when vectors' lengths don't fit the dimension or k.
var ErrShape = errors.New("dataset: vector lengths do not fit the dimension, or k < 1")

// GroundTruth returns, for each query, the ids of its k nearest base
// vectors by exact float64 search, nearest first, ties to the smaller id
// (nq×k values; fewer than k base vectors leaves the rest -1). It runs on
// all cores.
func GroundTruth(base, queries []float32, dim, k int, dist Distance) ([]int32, error) {
	if dim < 1 || k < 1 || len(base)%dim != 0 || len(queries)%dim != 0 || dist > Cosine {
		return nil, ErrShape
	}
	n, nq := len(base)/dim, len(queries)/dim
	var norms []float64
	if dist == Cosine {
		norms = make([]float64, n)
		for i := range norms {
			norms[i] = norm64(base[i*dim : (i+1)*dim])
		}
	}
	out := make([]int32, nq*k)
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			h := make([]entry, 0, k)
			for q := w; q < nq; q += workers {
				qv := queries[q*dim : (q+1)*dim]
				qn := norm64(qv)
				h = h[:0]
				for i := 0; i < n; i++ {
					bv := base[i*dim : (i+1)*dim]
					var d float64
					switch dist {
					case L2:
						for t, x := range qv {
							e := float64(x) - float64(bv[t])
							d += e * e
						}
					default:
						for t, x := range qv {
							d -= float64(x) * float64(bv[t])
						}
						if dist == Cosine {
							if den := qn * norms[i]; den > 0 {
								d = 1 + d/den
							} else {
								d = 1
							}
						}
					}
					h = pushBounded(h, k, entry{d, int32(i)})
				}
				dst := out[q*k : (q+1)*k]
				for i := range dst {
					dst[i] = -1
				}
				for i := len(h) - 1; i >= 0; i-- {
					dst[i] = h[0].id
					h = popMax(h)
				}
			}
		}(w)
	}
	wg.Wait()
	return out, nil
}

// CachedGroundTruth returns GroundTruth read from path (an .ivecs file)
// when it is there with the right shape, else computes it and writes it
// there.
func CachedGroundTruth(path string, base, queries []float32, dim, k int, dist Distance) ([]int32, error) {
	if f, err := os.Open(path); err == nil {
		ids, kk, err := ReadIvecs(f, 0)
		f.Close()
		if err == nil && kk == k && dim > 0 && len(ids) == len(queries)/dim*k {
			return ids, nil
		}
	}
	gt, err := GroundTruth(base, queries, dim, k, dist)
	if err != nil {
		return nil, err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, AppendIvecs(nil, gt, k), 0o644); err != nil {
		return nil, err
	}
	return gt, os.Rename(tmp, path)
}

// Recall returns the mean fraction of truth's first k ids per query found
// in got's first k (got and truth have gotK and truthK ids per query).
func Recall(got []int32, gotK int, truth []int32, truthK, k int) float64 {
	if gotK < k || truthK < k || gotK == 0 {
		return math.NaN()
	}
	nq := len(got) / gotK
	if nq == 0 || len(truth)/truthK < nq {
		return math.NaN()
	}
	hit := 0
	for q := 0; q < nq; q++ {
		t := truth[q*truthK : q*truthK+k]
		for _, id := range got[q*gotK : q*gotK+k] {
			for _, x := range t {
				if x == id {
					hit++
					break
				}
			}
		}
	}
	return float64(hit) / float64(nq*k)
}

func norm64(v []float32) float64 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

// entry is a candidate of the bounded max-heap: the worst (largest
// distance, then largest id) on top.
type entry struct {
	d  float64
	id int32
}

func worse(a, b entry) bool { return a.d > b.d || (a.d == b.d && a.id > b.id) }

func pushBounded(h []entry, k int, e entry) []entry {
	if len(h) == k {
		if !worse(h[0], e) {
			return h
		}
		h[0] = e
		siftDown(h)
		return h
	}
	h = append(h, e)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !worse(h[i], h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

func popMax(h []entry) []entry {
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	siftDown(h)
	return h
}

func siftDown(h []entry) {
	for i := 0; ; {
		l, m := 2*i+1, i
		if l < len(h) && worse(h[l], h[m]) {
			m = l
		}
		if l+1 < len(h) && worse(h[l+1], h[m]) {
			m = l + 1
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
