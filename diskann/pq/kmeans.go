package pq

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// TrainOptions tunes Train; a zero field takes its default.
type TrainOptions struct {
	// M is the number of subspaces, the bytes per encoded vector
	// (required, 1..dimension).
	M int
	// Sample is how many vectors to train on (default DefaultSample);
	// larger data is sampled uniformly without replacement.
	Sample int
	// Iterations is the number of Lloyd iterations (default
	// DefaultIterations).
	Iterations int
	// Seed makes training deterministic: the same data, options and seed
	// give the same codebook whatever Workers is.
	Seed uint64
	// Workers bounds the goroutines training subspaces in parallel
	// (default GOMAXPROCS).
	Workers int
}

// Train learns a codebook for the n = len(data)/dim vectors of data (a
// flat array of float32 values, vector i at data[i*dim:(i+1)*dim]).
// Each subspace is clustered independently with k-means into Centroids
// centroids; with fewer distinct sample points than that, the extra
// centroids repeat existing ones.
func Train(data []float32, dim int, opt TrainOptions) (*Codebook, error) {
	if err := checkShape(dim, opt.M); err != nil {
		return nil, err
	}
	n := len(data) / dim
	if n == 0 || n*dim != len(data) {
		return nil, fmt.Errorf("%w: training data must hold at least one whole vector", ErrInvalid)
	}
	if opt.Sample <= 0 {
		opt.Sample = DefaultSample
	}
	if opt.Iterations <= 0 {
		opt.Iterations = DefaultIterations
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	sample := sampleRows(n, opt.Sample, opt.Seed)
	cb := newCodebook(dim, opt.M)

	var mu sync.Mutex
	var wg sync.WaitGroup
	next := 0
	for w := 0; w < min(opt.Workers, opt.M); w++ {
		wg.Go(func() {
			var km kmeans
			for {
				mu.Lock()
				s := next
				next++
				mu.Unlock()
				if s >= opt.M {
					return
				}
				lo, hi := cb.offs[s], cb.offs[s+1]
				km.load(data, dim, sample, lo, hi)
				rng := rand.New(rand.NewPCG(opt.Seed, uint64(s)))
				km.run(cb.block(s), opt.Iterations, rng)
			}
		})
	}
	wg.Wait()
	return cb, nil
}

// sampleRows picks min(n, want) distinct row numbers out of n, uniformly,
// in increasing order (so the sample is read front to back).
func sampleRows(n, want int, seed uint64) []int32 {
	rows := make([]int32, n)
	for i := range rows {
		rows[i] = int32(i)
	}
	if want >= n {
		return rows
	}
	rng := rand.New(rand.NewPCG(seed, ^uint64(0)))
	for i := 0; i < want; i++ { // partial Fisher-Yates
		j := i + rng.IntN(n-i)
		rows[i], rows[j] = rows[j], rows[i]
	}
	rows = rows[:want]
	slices.Sort(rows)
	return rows
}

// kmeans is one worker's scratch space for clustering one subspace; it is
// reused across subspaces.
type kmeans struct {
	w      int       // subvector width
	pts    []float32 // the sample's subvectors, n rows of w
	dist   []float32 // per point: squared distance to its centroid
	assign []int32   // per point: its centroid
	sums   []float64 // per centroid: sum of its points (Centroids*w)
	counts []int32   // per centroid: number of points
}

// load copies the sample's values lo..hi into pts.
func (km *kmeans) load(data []float32, dim int, sample []int32, lo, hi int) {
	km.w = hi - lo
	n := len(sample)
	km.pts = grow(km.pts, n*km.w)
	for i, r := range sample {
		copy(km.pts[i*km.w:(i+1)*km.w], data[int(r)*dim+lo:int(r)*dim+hi])
	}
	km.dist = grow(km.dist, n)
	km.assign = grow(km.assign, n)
	km.sums = grow(km.sums, Centroids*km.w)
	km.counts = grow(km.counts, Centroids)
}

// run clusters pts into cents (Centroids rows of w): k-means++ seeding,
// then Lloyd iterations until iters or no point changes cluster.
func (km *kmeans) run(cents []float32, iters int, rng *rand.Rand) {
	km.seed(cents, rng)
	for it := 0; it < iters; it++ {
		if !km.assignAll(cents) && it > 0 {
			break
		}
		km.update(cents)
	}
}

// seed is k-means++: the first centroid is a random point, each next one a
// point drawn with probability proportional to its squared distance to
// the nearest centroid so far.
func (km *kmeans) seed(cents []float32, rng *rand.Rand) {
	w, n := km.w, len(km.dist)
	first := rng.IntN(n)
	copy(cents[:w], km.pts[first*w:(first+1)*w])
	for i := range km.dist {
		km.dist[i] = sqDist(km.pts[i*w:(i+1)*w], cents[:w])
	}
	for c := 1; c < Centroids; c++ {
		var total float64
		for _, d := range km.dist {
			total += float64(d)
		}
		pick := rng.IntN(n)
		if total > 0 {
			r := rng.Float64() * total
			for i, d := range km.dist {
				r -= float64(d)
				if r < 0 && d > 0 {
					pick = i
					break
				}
			}
		}
		cur := cents[c*w : (c+1)*w]
		copy(cur, km.pts[pick*w:(pick+1)*w])
		for i := range km.dist {
			if d := sqDist(km.pts[i*w:(i+1)*w], cur); d < km.dist[i] {
				km.dist[i] = d
			}
		}
	}
}

// assignAll moves every point to its nearest centroid and records its
// distance; it reports whether any point changed cluster.
func (km *kmeans) assignAll(cents []float32) bool {
	w := km.w
	changed := false
	var d [Centroids]float32
	for i := range km.assign {
		l2Rows(km.pts[i*w:(i+1)*w], cents, &d)
		c := argmin(&d)
		if int32(c) != km.assign[i] {
			changed = true
			km.assign[i] = int32(c)
		}
		km.dist[i] = d[c]
	}
	return changed
}

// update moves each centroid to the mean of its points; an empty cluster
// takes the point farthest from its own centroid, which splits the worst
// cluster.
func (km *kmeans) update(cents []float32) {
	w := km.w
	clear(km.sums)
	clear(km.counts)
	for i, c := range km.assign {
		km.counts[c]++
		s := km.sums[int(c)*w : (int(c)+1)*w]
		for j, v := range km.pts[i*w : (i+1)*w] {
			s[j] += float64(v)
		}
	}
	for c := 0; c < Centroids; c++ {
		dst := cents[c*w : (c+1)*w]
		if k := km.counts[c]; k > 0 {
			for j, s := range km.sums[c*w : (c+1)*w] {
				dst[j] = float32(s / float64(k))
			}
			continue
		}
		far, farD := -1, float32(0)
		for i, d := range km.dist {
			if d > farD {
				far, farD = i, d
			}
		}
		if far < 0 { // every point sits on a centroid: nothing to split
			continue
		}
		copy(dst, km.pts[far*w:(far+1)*w])
		km.dist[far] = 0
	}
}

// grow returns s resized to n, reusing its storage when large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n)
}
