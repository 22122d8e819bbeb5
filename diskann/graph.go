package diskann

import (
	"sync"

	"github.com/updraftdb/updraft/diskann/kernel"
)

// Graph is an in-memory Vamana index: the vectors in their metric's L2
// form, n×R adjacency slots, and the medoid every search starts from. A
// built Graph is immutable and safe for concurrent searches.
type Graph struct {
	dim    int // the caller's dimension
	sdim   int // stored dimension (dim+1 for inner product)
	metric Metric
	r      int // adjacency stride: maximum degree
	n      int
	vecs   []float32 // n×sdim
	adj    []uint32  // n×r
	deg    []uint32  // n
	medoid uint32
	maxN2  float32 // inner product: M², the largest squared norm

	pool sync.Pool // *scratch
}

// Len returns the number of vectors.
func (g *Graph) Len() int { return g.n }

// Dim returns the dimension of the vectors the graph was built from.
func (g *Graph) Dim() int { return g.dim }

// Metric returns the graph's metric.
func (g *Graph) Metric() Metric { return g.metric }

// R returns the maximum out-degree.
func (g *Graph) R() int { return g.r }

// Medoid returns the node every search starts from.
func (g *Graph) Medoid() uint32 { return g.medoid }

// Neighbors returns node id's out-neighbours (a view into the graph: do not
// modify it).
func (g *Graph) Neighbors(id uint32) []uint32 {
	o := int(id) * g.r
	return g.adj[o : o+int(g.deg[id])]
}

// vec returns node id's stored vector.
func (g *Graph) vec(id uint32) []float32 {
	o := int(id) * g.sdim
	return g.vecs[o : o+g.sdim]
}

// MemoryBytes returns the bytes the graph holds: vectors, adjacency,
// degrees.
func (g *Graph) MemoryBytes() int64 {
	return int64(len(g.vecs))*4 + int64(len(g.adj))*4 + int64(len(g.deg))*4
}

// getScratch returns a scratch sized for this graph from the pool.
func (g *Graph) getScratch() *scratch {
	s, _ := g.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{query: make([]float32, g.sdim), nbrs: make([]uint32, 0, g.r)}
	}
	return s
}

// metricDist converts a node's L2 distance to the prepared query q into the
// metric's distance.
func (g *Graph) metricDist(q []float32, id uint32, d2 float32) float32 {
	switch g.metric {
	case Cosine:
		return d2 / 2
	case InnerProduct:
		return -kernel.Dot(q[:g.dim], g.vec(id)[:g.dim])
	}
	return d2
}
