package diskann

import "slices"

// connect makes every node reachable from the medoid. Vamana gives no such
// guarantee: pruning can remove the last edge into a node. Each node left
// out gets an edge from the nearest reachable node that greedy search finds
// for it; a node with a full list gives up an edge to a node that has other
// in-edges. l is the search list size.
func (g *Graph) connect(l int) {
	reached := make([]bool, g.n)
	queue := make([]uint32, 0, 1024)
	queue = g.mark(reached, g.medoid, queue)
	indeg := make([]uint32, g.n)
	for i := 0; i < g.n; i++ {
		for _, x := range g.Neighbors(uint32(i)) {
			indeg[x]++
		}
	}
	var s *scratch
	for u := 0; u < g.n; u++ {
		if reached[u] {
			continue
		}
		if s == nil {
			s = &scratch{query: make([]float32, g.sdim)}
		}
		g.greedy(s, g.vec(uint32(u)), l, true, nil)
		slices.SortFunc(s.pool, cmpResult)
		v, slot := g.edgeSlot(s.pool, indeg)
		o := int(v) * g.r
		if slot == int(g.deg[v]) {
			g.deg[v]++
		} else {
			indeg[g.adj[o+slot]]--
		}
		g.adj[o+slot] = uint32(u)
		indeg[u]++
		queue = g.mark(reached, uint32(u), queue)
	}
}

// edgeSlot picks, among the reachable nodes in pool (nearest first), the
// node to take a new edge and the slot in its list: the first free slot of
// the nearest node with one, else the slot of an edge whose target has
// another in-edge.
func (g *Graph) edgeSlot(pool []Result, indeg []uint32) (uint32, int) {
	for _, c := range pool {
		if int(g.deg[c.ID]) < g.r {
			return c.ID, int(g.deg[c.ID])
		}
	}
	for _, c := range pool {
		for i, x := range g.Neighbors(c.ID) {
			if indeg[x] > 1 {
				return c.ID, i
			}
		}
	}
	return pool[0].ID, int(g.deg[pool[0].ID]) - 1
}

// mark flags everything reachable from start that is not flagged yet.
func (g *Graph) mark(reached []bool, start uint32, queue []uint32) []uint32 {
	if reached[start] {
		return queue
	}
	reached[start] = true
	queue = append(queue[:0], start)
	for len(queue) > 0 {
		p := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, x := range g.Neighbors(p) {
			if !reached[x] {
				reached[x] = true
				queue = append(queue, x)
			}
		}
	}
	return queue
}
