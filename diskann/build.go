package diskann

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/updraftdb/updraft/diskann/kernel"
)

// Options configure Build. Zero fields take the defaults of defaults.go.
type Options struct {
	Metric Metric
	// R is the maximum out-degree (DefaultR).
	R int
	// L is the candidate list size of the build's searches (DefaultBuildL).
	L int
	// Alpha is the pruning factor of the last pass (DefaultAlpha), ≥ 1.
	Alpha float32
	// Passes is 1 (alpha only) or 2 (alpha 1, then alpha) (DefaultPasses).
	Passes int
	// Workers is the number of goroutines (runtime.GOMAXPROCS).
	Workers int
	// Seed orders the insertions (DefaultSeed).
	Seed uint64
	// Progress, if set, is called with the insertions done and their
	// total, every DefaultProgressEvery insertions and once at the end.
	// Calls are serialized but come from the build's goroutines.
	Progress func(done, total int)
}

func (o *Options) fill() error {
	if o.R == 0 {
		o.R = DefaultR
	}
	if o.L == 0 {
		o.L = DefaultBuildL
	}
	if o.Alpha == 0 {
		o.Alpha = DefaultAlpha
	}
	if o.Passes == 0 {
		o.Passes = DefaultPasses
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.R < 1 || o.R > 1<<16 || o.L < 1 || o.Alpha < 1 || o.Alpha != o.Alpha ||
		o.Passes < 1 || o.Passes > 2 || o.Workers < 1 {
		return ErrParams
	}
	if o.L < o.R {
		o.L = o.R
	}
	return nil
}

// builder is the state of one build: the graph under construction (its
// adjacency stride is the slack capacity) and one lock per node.
type builder struct {
	g        *Graph
	locks    []sync.Mutex
	maxR     int // final degree bound
	l        int
	alpha2   float32 // alpha² (distances are squared)
	progress func(done, total int)
	progMu   sync.Mutex
	done     atomic.Int64
	total    int
}

// Build builds a Vamana graph over vecs, n vectors of dim values each laid
// end to end, with the paper's two passes, in parallel. vecs is copied.
func Build(vecs []float32, dim int, opt Options) (*Graph, error) {
	if err := opt.fill(); err != nil {
		return nil, err
	}
	store, maxN2, err := prepareStore(opt.Metric, vecs, dim)
	if err != nil {
		return nil, err
	}
	sdim := storedDim(opt.Metric, dim)
	n := len(store) / sdim
	if n == 0 {
		return nil, ErrEmpty
	}
	if uint64(n) >= math.MaxUint32 {
		return nil, ErrTooMany
	}
	capR := int(math.Ceil(float64(opt.R) * DefaultSlack))
	g := &Graph{dim: dim, sdim: sdim, metric: opt.Metric, r: capR, n: n,
		vecs: store, adj: make([]uint32, n*capR), deg: make([]uint32, n), maxN2: maxN2}
	g.medoid = medoid(store, sdim, n)
	b := &builder{g: g, locks: make([]sync.Mutex, n), maxR: opt.R, l: opt.L,
		progress: opt.Progress, total: opt.Passes * n}
	for pass := 0; pass < opt.Passes; pass++ {
		alpha := opt.Alpha
		if pass == 0 && opt.Passes == 2 {
			alpha = 1
		}
		b.alpha2 = alpha * alpha
		order := permutation(n, opt.Seed, uint64(pass))
		b.parallel(opt.Workers, n, func(s *scratch, i int) { b.insert(s, order[i]) })
	}
	// Nodes over R from back-edges are pruned to R, then the lists are
	// compacted to stride R.
	b.parallel(opt.Workers, n, func(s *scratch, i int) {
		if int(g.deg[i]) > b.maxR {
			b.shrink(s, uint32(i))
		}
	})
	for i := 0; i < n; i++ {
		copy(g.adj[i*opt.R:], g.adj[i*capR:i*capR+int(g.deg[i])])
	}
	g.adj = slices.Clip(slices.Clone(g.adj[:n*opt.R]))
	g.r = opt.R
	g.connect(opt.L)
	if b.progress != nil {
		b.progress(b.total, b.total)
	}
	return g, nil
}

// parallel runs fn for i in [0, n) on workers goroutines, each with its own
// scratch, counting progress.
func (b *builder) parallel(workers, n int, fn func(s *scratch, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := &scratch{query: make([]float32, b.g.sdim)}
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(s, i)
			}
		}()
	}
	wg.Wait()
}

// insert is one step of Vamana: search for p from the medoid, prune the
// visited nodes (and p's current neighbours) into p's list, and add p to
// the list of each new neighbour.
func (b *builder) insert(s *scratch, p uint32) {
	g := b.g
	g.greedy(s, g.vec(p), b.l, true, b.locks)
	o := int(p) * g.r
	b.locks[p].Lock()
	s.nbrs = append(s.nbrs[:0], g.adj[o:o+int(g.deg[p])]...)
	b.locks[p].Unlock()
	for _, nb := range s.nbrs {
		s.pool = append(s.pool, Result{ID: nb, Dist: kernel.L2Squared(g.vec(p), g.vec(nb))})
	}
	b.prune(s, p)
	b.locks[p].Lock()
	g.deg[p] = uint32(copy(g.adj[o:o+g.r], s.sel))
	b.locks[p].Unlock()
	s.out = append(s.out[:0], s.sel...)
	for _, j := range s.out {
		b.addEdge(s, j, p)
	}
	b.tick()
}

// addEdge adds the edge j→p, pruning j's list when it is at capacity.
func (b *builder) addEdge(s *scratch, j, p uint32) {
	g := b.g
	o := int(j) * g.r
	b.locks[j].Lock()
	list := g.adj[o : o+int(g.deg[j])]
	if slices.Contains(list, p) {
		b.locks[j].Unlock()
		return
	}
	if len(list) < g.r {
		g.adj[o+len(list)] = p
		g.deg[j]++
		b.locks[j].Unlock()
		return
	}
	s.nbrs = append(append(s.nbrs[:0], list...), p)
	b.locks[j].Unlock()
	b.reprune(s, j)
}

// shrink prunes node j's list to maxR.
func (b *builder) shrink(s *scratch, j uint32) {
	g := b.g
	o := int(j) * g.r
	s.nbrs = append(s.nbrs[:0], g.adj[o:o+int(g.deg[j])]...)
	b.reprune(s, j)
}

// reprune replaces j's list with RobustPrune of the ids in s.nbrs.
func (b *builder) reprune(s *scratch, j uint32) {
	g := b.g
	s.pool = s.pool[:0]
	vj := g.vec(j)
	for _, nb := range s.nbrs {
		s.pool = append(s.pool, Result{ID: nb, Dist: kernel.L2Squared(vj, g.vec(nb))})
	}
	b.prune(s, j)
	o := int(j) * g.r
	b.locks[j].Lock()
	g.deg[j] = uint32(copy(g.adj[o:o+g.r], s.sel))
	b.locks[j].Unlock()
}

// prune is the paper's RobustPrune(p, s.pool, alpha, R): it takes the
// candidates nearest first and keeps one unless an already kept neighbour
// s is alpha times nearer to it than p is (alpha² on squared distances) or
// sits on it.
// The result is in s.sel.
func (b *builder) prune(s *scratch, p uint32) {
	g := b.g
	slices.SortFunc(s.pool, cmpResult)
	s.sel = s.sel[:0]
	pool := s.pool
	if len(pool) > DefaultMaxCandidates {
		pool = pool[:DefaultMaxCandidates]
	}
	last := uint32(math.MaxUint32)
	for i, c := range pool {
		if c.ID == p || (i > 0 && c.ID == last && c.Dist == pool[i-1].Dist) {
			continue
		}
		last = c.ID
		if len(s.sel) == b.maxR {
			break
		}
		vc := g.vec(c.ID)
		occluded := false
		for _, k := range s.sel {
			// Occluded when a kept neighbour is alpha times nearer to c
			// than p is (strictly, as microsoft/DiskANN: with alpha 1 a
			// tie keeps the edge), or is an exact duplicate of c. p's own
			// duplicates (distance 0) are all kept, so copies of a vector
			// link to each other and none is left unreachable.
			if c.Dist == 0 {
				break
			}
			djk := kernel.L2Squared(g.vec(k), vc)
			if djk == 0 || b.alpha2*djk < c.Dist {
				occluded = true
				break
			}
		}
		if !occluded {
			s.sel = append(s.sel, c.ID)
		}
	}
}

// cmpResult orders by distance, then id (so duplicates are adjacent).
func cmpResult(a, b Result) int {
	switch {
	case a.Dist < b.Dist:
		return -1
	case a.Dist > b.Dist:
		return 1
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return 0
}

// tick counts one insertion and reports progress.
func (b *builder) tick() {
	d := b.done.Add(1)
	if b.progress != nil && d%DefaultProgressEvery == 0 {
		b.progMu.Lock()
		b.progress(int(d), b.total)
		b.progMu.Unlock()
	}
}

// permutation returns a seeded random order of [0, n).
func permutation(n int, seed, stream uint64) []uint32 {
	r := rand.New(rand.NewPCG(seed, stream))
	p := make([]uint32, n)
	for i := range p {
		p[i] = uint32(i)
	}
	r.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// medoid returns the stored vector nearest the centroid (the paper's start
// node; the exact medoid would cost O(n²)).
func medoid(vecs []float32, sdim, n int) uint32 {
	c := make([]float64, sdim)
	for i := 0; i < n; i++ {
		for j, x := range vecs[i*sdim : (i+1)*sdim] {
			c[j] += float64(x)
		}
	}
	for j := range c {
		c[j] /= float64(n)
	}
	best, bestD := 0, math.Inf(1)
	for i := 0; i < n; i++ {
		var d float64
		for j, x := range vecs[i*sdim : (i+1)*sdim] {
			t := float64(x) - c[j]
			d += t * t
		}
		if d < bestD {
			best, bestD = i, d
		}
	}
	return uint32(best)
}
