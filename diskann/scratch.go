package diskann

// visitSet marks node ids seen during one search. Clearing is O(1): a mark
// is the current epoch, and a new search only bumps the epoch (the array is
// zeroed once every 2^32-1 searches).
type visitSet struct {
	mark  []uint32
	epoch uint32
}

func (v *visitSet) reset(n int) {
	if len(v.mark) < n {
		v.mark = make([]uint32, n)
		v.epoch = 0
	}
	v.epoch++
	if v.epoch == 0 {
		clear(v.mark)
		v.epoch = 1
	}
}

// testAndSet marks id and reports whether it was already marked.
func (v *visitSet) testAndSet(id uint32) bool {
	if v.mark[id] == v.epoch {
		return true
	}
	v.mark[id] = v.epoch
	return false
}

// candList is a search's sorted candidate list of at most cap entries,
// nearest first, each flagged once expanded.
type candList struct {
	ids      []uint32
	dists    []float32
	expanded []bool
	n        int // entries in use
	cur      int // no unexpanded entry before cur
}

func (c *candList) reset(capacity int) {
	if cap(c.ids) < capacity {
		c.ids = make([]uint32, capacity)
		c.dists = make([]float32, capacity)
		c.expanded = make([]bool, capacity)
	}
	c.ids = c.ids[:capacity]
	c.dists = c.dists[:capacity]
	c.expanded = c.expanded[:capacity]
	c.n, c.cur = 0, 0
}

// full reports whether d could not enter the list.
func (c *candList) rejects(d float32) bool {
	return c.n == len(c.ids) && d >= c.dists[c.n-1]
}

// insert adds (id, d) in order, dropping the farthest entry when full.
func (c *candList) insert(id uint32, d float32) {
	if c.rejects(d) {
		return
	}
	// Binary search for the first entry farther than d.
	lo, hi := 0, c.n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.dists[m] <= d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	end := c.n
	if end == len(c.ids) {
		end--
	} else {
		c.n++
	}
	copy(c.ids[lo+1:end+1], c.ids[lo:end])
	copy(c.dists[lo+1:end+1], c.dists[lo:end])
	copy(c.expanded[lo+1:end+1], c.expanded[lo:end])
	c.ids[lo], c.dists[lo], c.expanded[lo] = id, d, false
	if lo < c.cur {
		c.cur = lo
	}
}

// next returns the position of the nearest unexpanded entry, or -1.
func (c *candList) next() int {
	for c.cur < c.n && c.expanded[c.cur] {
		c.cur++
	}
	if c.cur == c.n {
		return -1
	}
	return c.cur
}

// scratch is the per-search (or per-build-worker) state, reused so that a
// search allocates nothing in steady state.
type scratch struct {
	seen  visitSet
	cands candList
	query []float32 // the query in the metric's L2 form
	nbrs  []uint32  // a copy of one node's neighbour list
	// pool is the expanded nodes and their distances (build only).
	pool []Result
	// sel is RobustPrune's output; out a copy of it kept across back-edges.
	sel []uint32
	out []uint32
}
