package vector

import (
	"github.com/updraftdb/updraft/diskann/kernel"
)

// denseIndex is the search structure behind a namespace's dense vectors,
// keyed by the namespace's slots. flatIndex (exact brute force) implements
// it today; the DiskANN index plugs in behind the same methods.
type denseIndex interface {
	// Add stores a copy of v (len = dimension) for slot, replacing any.
	Add(slot uint32, v []float32)
	// Delete forgets slot.
	Delete(slot uint32)
	// Vector returns slot's vector (a view, valid until the next write),
	// or nil.
	Vector(slot uint32) []float32
	// Search appends to dst the k slots nearest to q, nearest first,
	// skipping those allow (when not nil) refuses.
	Search(q []float32, k int, allow func(slot uint32) bool, dst []hit) []hit
	// Flush finishes the work Add deferred (the graph index inserts a
	// batch's vectors in parallel); called after each applied batch.
	// Searches are exact without it, only slower.
	Flush()
	// Len is the number of stored vectors.
	Len() int
	// Bytes is the memory the index holds.
	Bytes() int64
}

// hit is a slot and its distance to the query (smaller is nearer).
type hit struct {
	slot uint32
	dist float32
}

// flatIndex is an exact dense index: every vector in one flat pointer-free
// []float32 (slot * dim), scanned with the SIMD kernels.
type flatIndex struct {
	dim    int
	metric Metric
	vecs   []float32 // slot-major rows
	norms  []float32 // per slot, for cosine
	live   []uint64  // bitset of stored slots
	n      int
}

func newFlatIndex(dim int, m Metric) *flatIndex { return &flatIndex{dim: dim, metric: m} }

func (f *flatIndex) has(slot uint32) bool {
	w := int(slot >> 6)
	return w < len(f.live) && f.live[w]&(1<<(slot&63)) != 0
}

// Add implements denseIndex.
func (f *flatIndex) Add(slot uint32, v []float32) {
	need := (int(slot) + 1) * f.dim
	if need > len(f.vecs) {
		grow := max(need, 2*len(f.vecs))
		nv := make([]float32, grow)
		copy(nv, f.vecs)
		f.vecs = nv
		nn := make([]float32, grow/max(f.dim, 1))
		copy(nn, f.norms)
		f.norms = nn
	}
	for int(slot>>6) >= len(f.live) {
		f.live = append(f.live, 0)
	}
	copy(f.vecs[int(slot)*f.dim:need], v)
	f.norms[slot] = kernel.Norm(v)
	if !f.has(slot) {
		f.n++
		f.live[slot>>6] |= 1 << (slot & 63)
	}
}

// Delete implements denseIndex.
func (f *flatIndex) Delete(slot uint32) {
	if f.has(slot) {
		f.live[slot>>6] &^= 1 << (slot & 63)
		f.n--
	}
}

// Vector implements denseIndex.
func (f *flatIndex) Vector(slot uint32) []float32 {
	if !f.has(slot) {
		return nil
	}
	return f.vecs[int(slot)*f.dim : (int(slot)+1)*f.dim]
}

// Len implements denseIndex.
func (f *flatIndex) Len() int { return f.n }

// Flush implements denseIndex: a flat index defers nothing.
func (f *flatIndex) Flush() {}

// Bytes implements denseIndex.
func (f *flatIndex) Bytes() int64 { return int64(len(f.vecs)+len(f.norms))*4 + int64(len(f.live))*8 }

// flatChunk is how many rows one kernel call scores: the distances live
// in a stack array, so a search allocates nothing.
const flatChunk = 256

// Search implements denseIndex: an exact scan of every stored slot.
func (f *flatIndex) Search(q []float32, k int, allow func(slot uint32) bool, dst []hit) []hit {
	if k <= 0 || f.n == 0 {
		return dst
	}
	base := len(dst)
	var dists [flatChunk]float32
	qn := kernel.Norm(q)
	rows := len(f.vecs) / max(f.dim, 1)
	for start := 0; start < rows; start += flatChunk {
		end := min(start+flatChunk, rows)
		if f.chunkEmpty(start, end) {
			continue
		}
		out := dists[:end-start]
		block := f.vecs[start*f.dim : end*f.dim]
		if f.metric == Euclidean {
			kernel.L2SquaredRows(q, block, out)
		} else {
			kernel.DotRows(q, block, out)
		}
		for i, d := range out {
			slot := uint32(start + i)
			if !f.has(slot) || (allow != nil && !allow(slot)) {
				continue
			}
			switch f.metric {
			case DotProduct:
				d = -d
			case Cosine:
				if nv := f.norms[slot]; nv > 0 && qn > 0 {
					d = 1 - d/(qn*nv)
				} else {
					d = 1
				}
			}
			dst = pushTopK(dst, base, k, hit{slot, d})
		}
	}
	sortHits(dst[base:])
	return dst
}

func (f *flatIndex) chunkEmpty(start, end int) bool {
	for w := start >> 6; w <= (end-1)>>6 && w < len(f.live); w++ {
		if f.live[w] != 0 {
			return false
		}
	}
	return true
}

// pushTopK keeps in dst[base:] the k nearest hits seen so far as a max-heap
// on dist (ties: larger slot is "farther"), so the farthest is at the root.
func pushTopK(dst []hit, base, k int, h hit) []hit {
	heap := dst[base:]
	if len(heap) < k {
		dst = append(dst, h)
		heap = dst[base:]
		i := len(heap) - 1
		for i > 0 {
			p := (i - 1) / 2
			if !farther(heap[i], heap[p]) {
				break
			}
			heap[i], heap[p] = heap[p], heap[i]
			i = p
		}
		return dst
	}
	if !farther(heap[0], h) {
		return dst
	}
	heap[0] = h
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(heap) && farther(heap[l], heap[m]) {
			m = l
		}
		if r < len(heap) && farther(heap[r], heap[m]) {
			m = r
		}
		if m == i {
			return dst
		}
		heap[i], heap[m] = heap[m], heap[i]
		i = m
	}
}

func farther(a, b hit) bool {
	if a.dist != b.dist {
		return a.dist > b.dist
	}
	return a.slot > b.slot
}

// sortHits orders hits nearest first (insertion sort for short lists,
// heap order otherwise).
func sortHits(h []hit) {
	if len(h) <= 32 {
		for i := 1; i < len(h); i++ {
			for j := i; j > 0 && farther(h[j-1], h[j]); j-- {
				h[j-1], h[j] = h[j], h[j-1]
			}
		}
		return
	}
	// Heap sort: h is already a max-heap on farther when it comes from
	// pushTopK, but heapify anyway so any input works.
	n := len(h)
	for i := n/2 - 1; i >= 0; i-- {
		siftDown(h, i, n)
	}
	for end := n - 1; end > 0; end-- {
		h[0], h[end] = h[end], h[0]
		siftDown(h, 0, end)
	}
}

func siftDown(h []hit, i, n int) {
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && farther(h[l], h[m]) {
			m = l
		}
		if r < n && farther(h[r], h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
