package sparse

import (
	"errors"
	"math"
	"slices"
)

// Hit is one search result: a record id and its inner-product score.
type Hit struct {
	ID    uint32
	Score float32
}

// Weighting says how query values are weighted before the inner product.
type Weighting uint8

const (
	// WeightNone uses the query values as given.
	WeightNone Weighting = iota
	// WeightIDF multiplies each query value by IDF(term) (see IDF).
	WeightIDF
)

// ErrWeighting is returned by ParseWeighting for anything but "IDF".
var ErrWeighting = errors.New(`weightingStrategy must be "IDF"`)

// ParseWeighting maps the API's weightingStrategy ("" or "IDF") to a
// Weighting.
func ParseWeighting(s string) (Weighting, error) {
	switch s {
	case "":
		return WeightNone, nil
	case "IDF", "idf":
		return WeightIDF, nil
	}
	return WeightNone, ErrWeighting
}

// IDF is Upstash Vector's inverse document frequency for a term held by n
// of N documents: ln((N - n + 0.5) / (n + 0.5)). It is negative for terms
// in more than half the documents, exactly as Upstash defines it.
func IDF(N, n int) float64 {
	return math.Log((float64(N) - float64(n) + 0.5) / (float64(n) + 0.5))
}

// scratch is one query's reusable state: a score accumulator per slot with
// epoch stamps (so nothing is cleared between queries), the touched slots
// and the top-k heap.
type scratch struct {
	acc     []float32
	stamp   []uint32
	epoch   uint32
	touched []uint32
	heap    []Hit
}

// Search appends to dst the k records with the highest inner product with
// q, best first (ties by smaller id). Only records sharing at least one
// index with q are candidates, so fewer than k may come back. q is
// validated and sorted in place. allow, when not nil, is asked once per
// candidate record and false drops it (metadata filters); it runs under
// the index's read lock, so it must not call back into x.
func (x *Index) Search(q Vector, k int, w Weighting, allow func(rec uint32) bool, dst []Hit) ([]Hit, error) {
	if err := q.Normalize(); err != nil {
		return dst, err
	}
	if k <= 0 {
		return dst, nil
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	sc, _ := x.scratch.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	defer x.scratch.Put(sc)
	n := len(x.slots)
	if len(sc.acc) < n {
		sc.acc = make([]float32, n+n/4)
		sc.stamp = make([]uint32, n+n/4)
		sc.epoch = 0
	}
	sc.epoch++
	if sc.epoch == 0 { // wrapped: old stamps could collide
		clear(sc.stamp)
		sc.epoch = 1
	}
	epoch, acc, stamp, alive := sc.epoch, sc.acc, sc.stamp, x.alive
	touched := sc.touched[:0]
	for i, term := range q.Indices {
		t, ok := x.termOf[term]
		if !ok {
			continue
		}
		tl := x.terms[t]
		if tl.df == 0 {
			continue
		}
		qw := q.Values[i]
		if w == WeightIDF {
			qw = float32(float64(qw) * IDF(x.live, int(tl.df)))
		}
		ps := x.postSlot[tl.off : tl.off+tl.n]
		pw := x.postW[tl.off : tl.off+tl.n]
		for j, s := range ps {
			if !alive[s] {
				continue
			}
			if stamp[s] != epoch {
				stamp[s] = epoch
				acc[s] = 0
				touched = append(touched, s)
			}
			acc[s] += qw * pw[j]
		}
	}
	sc.touched = touched
	h := sc.heap[:0]
	for _, s := range touched {
		hit := Hit{ID: x.slots[s].rec, Score: acc[s]}
		if len(h) == k && !worse(h[0], hit) {
			continue
		}
		if allow != nil && !allow(hit.ID) {
			continue
		}
		if len(h) < k {
			h = append(h, hit)
			siftUp(h, len(h)-1)
			continue
		}
		h[0] = hit
		siftDown(h, 0)
	}
	sc.heap = h
	start := len(dst)
	dst = slices.Grow(dst, len(h))[:start+len(h)]
	for i := len(h) - 1; i >= 0; i-- { // pop worst first into the tail
		dst[start+i] = h[0]
		h[0] = h[i]
		h = h[:i]
		siftDown(h, 0)
	}
	return dst, nil
}

// worse reports whether a ranks below b: lower score, or equal score and a
// larger id.
func worse(a, b Hit) bool {
	return a.Score < b.Score || (a.Score == b.Score && a.ID > b.ID)
}

// siftUp and siftDown keep h a min-heap under worse (the root is the
// worst kept hit).
func siftUp(h []Hit, i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !worse(h[i], h[p]) {
			return
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func siftDown(h []Hit, i int) {
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && worse(h[c+1], h[c]) {
			c++
		}
		if !worse(h[c], h[i]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}
