package diskann

import (
	"sync"

	"github.com/updraftdb/updraft/diskann/kernel"
)

// Result is one neighbour found by a search: its node id and its distance
// to the query in the index's metric (smaller is nearer).
type Result struct {
	ID   uint32
	Dist float32
}

// Search appends to dst the k nearest nodes to q found by greedy search
// with a candidate list of size l (l < k is raised to k; l = 0 means
// DefaultSearchL), nearest first. It allocates nothing in steady state when
// dst has room for k results.
func (g *Graph) Search(dst []Result, q []float32, k, l int) ([]Result, error) {
	if len(q) != g.dim {
		return dst, ErrQueryLength
	}
	if k < 1 {
		return dst, ErrParams
	}
	if l == 0 {
		l = DefaultSearchL
	}
	if l < k {
		l = k
	}
	s := g.getScratch()
	defer g.pool.Put(s)
	if err := prepareQuery(g.metric, q, s.query); err != nil {
		return dst, err
	}
	g.greedy(s, s.query, l, false, nil)
	c := &s.cands
	for i := 0; i < c.n && i < k; i++ {
		dst = append(dst, Result{ID: c.ids[i], Dist: g.metricDist(s.query, c.ids[i], c.dists[i])})
	}
	return dst, nil
}

// greedy is the paper's GreedySearch from the medoid: it keeps the l
// nearest nodes seen in s.cands and expands the nearest unexpanded one
// until none is left. With collect, the expanded nodes and their distances
// are appended to s.pool (the candidates RobustPrune needs).
// locks is non-nil while the graph is being built: neighbour lists are
// then copied under their node's lock.
func (g *Graph) greedy(s *scratch, q []float32, l int, collect bool, locks []sync.Mutex) {
	s.seen.reset(g.n)
	s.cands.reset(l)
	if collect {
		s.pool = s.pool[:0]
	}
	c := &s.cands
	start := g.medoid
	s.seen.testAndSet(start)
	c.insert(start, kernel.L2Squared(q, g.vec(start)))
	for {
		i := c.next()
		if i < 0 {
			return
		}
		c.expanded[i] = true
		p := c.ids[i]
		if collect {
			s.pool = append(s.pool, Result{ID: p, Dist: c.dists[i]})
		}
		o := int(p) * g.r
		var nbrs []uint32
		if locks != nil {
			locks[p].Lock()
			s.nbrs = append(s.nbrs[:0], g.adj[o:o+int(g.deg[p])]...)
			locks[p].Unlock()
			nbrs = s.nbrs
		} else {
			nbrs = g.adj[o : o+int(g.deg[p])]
		}
		for _, nb := range nbrs {
			if s.seen.testAndSet(nb) {
				continue
			}
			d := kernel.L2Squared(q, g.vec(nb))
			if c.rejects(d) {
				continue
			}
			c.insert(nb, d)
		}
	}
}
