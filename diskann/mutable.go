package diskann

import (
	"errors"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/updraftdb/updraft/diskann/kernel"
)

// Errors of the mutable index.
var (
	ErrFull     = errors.New("diskann: mutable index is full")
	ErrNotFound = errors.New("diskann: no such id")
)

// Mutable is an in-memory Vamana index that takes inserts and deletes while
// it is searched: FreshDiskANN's (Singh et al. 2021) in-memory index. It
// has a fixed capacity; when full it is meant to be merged into a disk
// index and replaced. Node 0, the first vector inserted, is the start of
// every search. Deleted nodes stay in the graph (searches pass through
// them, never return them) until Consolidate rewires their in-neighbours.
// Lists may hold up to R×DefaultSlack ids between prunes. Inner product is
// not supported (its transformation needs the largest norm in advance).
type Mutable struct {
	b       *builder
	next    atomic.Uint32 // ids handed out
	ready   atomic.Bool   // node 0 is stored
	deleted []atomic.Uint64
	ndel    atomic.Int64
	// mu: inserts, deletes and searches share it; Consolidate holds it
	// alone.
	mu   sync.RWMutex
	pool sync.Pool // *scratch
}

// NewMutable returns an empty index for capacity vectors of dim values.
// opt.Metric is L2 or Cosine; R, L and Alpha default as in Build (one
// pass with Alpha).
func NewMutable(dim, capacity int, opt Options) (*Mutable, error) {
	if err := opt.fill(); err != nil {
		return nil, err
	}
	if opt.Metric == InnerProduct || opt.Metric > InnerProduct {
		return nil, ErrMetric
	}
	if dim < 1 {
		return nil, ErrDimension
	}
	if capacity < 1 || uint64(capacity) >= math.MaxUint32 {
		return nil, ErrParams
	}
	capR := int(math.Ceil(float64(opt.R) * DefaultSlack))
	g := &Graph{dim: dim, sdim: dim, metric: opt.Metric, r: capR, n: capacity,
		vecs: make([]float32, capacity*dim), adj: make([]uint32, capacity*capR), deg: make([]uint32, capacity)}
	b := &builder{g: g, locks: make([]sync.Mutex, capacity), maxR: opt.R, l: opt.L,
		alpha2: opt.Alpha * opt.Alpha}
	return &Mutable{b: b, deleted: make([]atomic.Uint64, (capacity+63)/64)}, nil
}

// Len returns the number of ids handed out (deleted ones included).
func (m *Mutable) Len() int { return int(min(m.next.Load(), uint32(m.b.g.n))) }

// Deleted returns the number of deleted ids.
func (m *Mutable) Deleted() int { return int(m.ndel.Load()) }

func (m *Mutable) scratch() *scratch {
	s, _ := m.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{query: make([]float32, m.b.g.sdim)}
	}
	return s
}

// Insert adds vec and returns its id. It may run concurrently with other
// inserts, deletes and searches.
func (m *Mutable) Insert(vec []float32) (uint32, error) {
	g := m.b.g
	if len(vec) != g.dim {
		return 0, ErrQueryLength
	}
	if err := checkFinite(vec); err != nil {
		return 0, err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	id := m.next.Add(1) - 1
	if int(id) >= g.n {
		m.next.Store(uint32(g.n))
		return 0, ErrFull
	}
	dst := g.vec(id)
	copy(dst, vec)
	if g.metric == Cosine {
		if err := normalize(dst); err != nil {
			// The id is spent: it stays a deleted node without edges.
			m.markDeleted(id)
			if id == 0 {
				m.ready.Store(true)
			}
			return 0, err
		}
	}
	if id == 0 {
		m.ready.Store(true)
		return 0, nil
	}
	for !m.ready.Load() {
		runtime.Gosched()
	}
	s := m.scratch()
	m.b.insert(s, id)
	m.pool.Put(s)
	return id, nil
}

// Delete marks id deleted: searches stop returning it at once.
func (m *Mutable) Delete(id uint32) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if id >= uint32(m.Len()) || m.isDeleted(id) {
		return ErrNotFound
	}
	m.markDeleted(id)
	return nil
}

func (m *Mutable) markDeleted(id uint32) {
	w, bit := id/64, uint64(1)<<(id%64)
	if m.deleted[w].Or(bit)&bit == 0 {
		m.ndel.Add(1)
	}
}

func (m *Mutable) isDeleted(id uint32) bool {
	return m.deleted[id/64].Load()&(1<<(id%64)) != 0
}

// Search appends to dst the k nearest live nodes to q, nearest first, found
// with a candidate list of size l (0: DefaultSearchL; raised to k).
func (m *Mutable) Search(dst []Result, q []float32, k, l int) ([]Result, error) {
	g := m.b.g
	if len(q) != g.dim {
		return dst, ErrQueryLength
	}
	if k < 1 {
		return dst, ErrParams
	}
	if l == 0 {
		l = DefaultSearchL
	}
	l = max(l, k)
	m.mu.RLock()
	defer m.mu.RUnlock()
	if !m.ready.Load() {
		return dst, nil
	}
	s := m.scratch()
	defer m.pool.Put(s)
	if err := prepareQuery(g.metric, q, s.query); err != nil {
		return dst, err
	}
	g.greedy(s, s.query, l, false, m.b.locks)
	c := &s.cands
	for i, found := 0, 0; i < c.n && found < k; i++ {
		if !m.isDeleted(c.ids[i]) {
			dst = append(dst, Result{ID: c.ids[i], Dist: g.metricDist(s.query, c.ids[i], c.dists[i])})
			found++
		}
	}
	return dst, nil
}

// Consolidate removes deleted nodes from the graph (FreshDiskANN's delete
// consolidation): every live node that points at a deleted one gets, in
// place of it, that node's live out-neighbours as candidates, pruned back
// to R. Deleted nodes lose their edges (node 0 keeps its own, as the
// search start). It blocks inserts and searches while it runs.
func (m *Mutable) Consolidate() {
	m.mu.Lock()
	defer m.mu.Unlock()
	g := m.b.g
	n := m.Len()
	// Live nodes first, in parallel: each writes only its own list and
	// reads deleted nodes' lists, which nobody writes yet.
	m.b.parallel(runtime.GOMAXPROCS(0), n, func(s *scratch, i int) {
		if !m.isDeleted(uint32(i)) {
			m.repair(s, uint32(i))
		}
	})
	if n > 0 && m.isDeleted(0) {
		m.repair(&scratch{}, 0)
	}
	for i := 1; i < n; i++ {
		if m.isDeleted(uint32(i)) {
			g.deg[i] = 0
		}
	}
}

// repair replaces p's deleted out-neighbours by their live out-neighbours
// and prunes the result to R.
func (m *Mutable) repair(s *scratch, p uint32) {
	g := m.b.g
	o := int(p) * g.r
	list := g.adj[o : o+int(g.deg[p])]
	hit := false
	for _, x := range list {
		if m.isDeleted(x) {
			hit = true
			break
		}
	}
	if !hit {
		return
	}
	s.pool = s.pool[:0]
	vp := g.vec(p)
	for _, x := range list {
		if !m.isDeleted(x) {
			s.pool = append(s.pool, Result{ID: x, Dist: kernel.L2Squared(vp, g.vec(x))})
			continue
		}
		for _, y := range g.Neighbors(x) {
			if y != p && !m.isDeleted(y) {
				s.pool = append(s.pool, Result{ID: y, Dist: kernel.L2Squared(vp, g.vec(y))})
			}
		}
	}
	m.b.prune(s, p)
	g.deg[p] = uint32(copy(g.adj[o:o+g.r], s.sel))
}
