package vector

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/updraftdb/updraft/diskann"
	"github.com/updraftdb/updraft/diskann/kernel"
)

// noNode marks a slot that has no node in the graph; queued one whose
// vector waits in pending for the next Flush.
const (
	noNode = math.MaxUint32
	queued = math.MaxUint32 - 1
)

// graphIndex is the dense index of COSINE and EUCLIDEAN namespaces: every
// vector lives in a flatIndex (the store behind Vector, and the exact scan
// of small namespaces), and once the namespace holds more than threshold
// vectors a diskann.Mutable graph over the same vectors answers searches.
//
// Add only queues a vector; Flush (once per applied batch) inserts the
// queue into the graph in parallel, and searches until then scan the
// queue exactly besides searching the graph. Mutable hands out node ids in
// order and never reuses them, so an update deletes the slot's node and
// queues the new vector; when the graph is full, or holds more deleted
// nodes than live ones, it is rebuilt from the live vectors into a new
// graph of twice their number. Writes come under the namespace's write
// lock and searches under its read lock, so the fields need no lock.
//
// A zero vector has no direction: Mutable refuses it on cosine indexes, so
// it stays out of the graph and graph searches never return it (exact
// scans do, at cosine similarity 0).
type graphIndex struct {
	flat      *flatIndex
	dmetric   diskann.Metric
	threshold int

	g       *diskann.Mutable // nil below threshold
	cap     int              // g's capacity
	toNode  []uint32         // slot -> node id, noNode or queued
	toSlot  []uint32         // node id -> slot
	pending []uint32         // queued slots (some may be stale)
	pool    sync.Pool        // *[]diskann.Result
}

// graphThreshold is DenseGraphThreshold; tests lower it to keep their
// namespaces small.
var graphThreshold = DenseGraphThreshold

// newDenseIndex returns the dense index for a namespace of an index with
// dimension dim and metric m: brute force for DOT_PRODUCT (Mutable does not
// support inner product), a graphIndex otherwise.
func newDenseIndex(dim int, m Metric) denseIndex {
	switch m {
	case Cosine:
		return newGraphIndex(dim, m, diskann.Cosine, graphThreshold)
	case Euclidean:
		return newGraphIndex(dim, m, diskann.L2, graphThreshold)
	}
	return newFlatIndex(dim, m)
}

func newGraphIndex(dim int, m Metric, dm diskann.Metric, threshold int) *graphIndex {
	return &graphIndex{flat: newFlatIndex(dim, m), dmetric: dm, threshold: threshold}
}

// node returns slot's node id, noNode or queued.
func (x *graphIndex) node(slot uint32) uint32 {
	if int(slot) < len(x.toNode) {
		return x.toNode[slot]
	}
	return noNode
}

// unlink deletes slot's node from the graph, if it has one.
func (x *graphIndex) unlink(slot uint32) {
	if id := x.node(slot); id < queued {
		_ = x.g.Delete(id)
		x.toNode[slot] = noNode
	}
}

// Add implements denseIndex.
func (x *graphIndex) Add(slot uint32, v []float32) {
	x.flat.Add(slot, v)
	if x.g == nil {
		return // Flush builds the graph past the threshold
	}
	x.unlink(slot)
	for int(slot) >= len(x.toNode) {
		x.toNode = append(x.toNode, noNode)
	}
	if x.toNode[slot] != queued {
		x.toNode[slot] = queued
		x.pending = append(x.pending, slot)
	}
}

// Delete implements denseIndex.
func (x *graphIndex) Delete(slot uint32) {
	x.flat.Delete(slot)
	if x.g == nil {
		return
	}
	x.unlink(slot)
	if x.node(slot) == queued {
		x.toNode[slot] = noNode // its pending entry is now stale
	}
	switch n := x.flat.Len(); {
	case n <= x.threshold/2:
		// Small again: drop the graph (hysteresis, so a namespace at the
		// threshold does not build and drop it over and over).
		x.drop()
	case x.g.Deleted() > max(n, x.threshold):
		x.rebuild()
	}
}

func (x *graphIndex) drop() {
	x.g, x.cap, x.toNode, x.toSlot, x.pending = nil, 0, nil, nil, x.pending[:0]
}

// Flush implements denseIndex: builds the graph when the namespace has
// crossed the threshold, else inserts the queued vectors in parallel
// (rebuilding instead when they would not fit).
func (x *graphIndex) Flush() {
	if x.g == nil {
		if x.flat.Len() > x.threshold {
			x.rebuild()
		}
		return
	}
	if len(x.pending) == 0 {
		return
	}
	if x.g.Len()+len(x.pending) > x.cap {
		x.rebuild()
		return
	}
	slots := x.pending[:0]
	for _, s := range x.pending {
		if x.toNode[s] == queued {
			slots = append(slots, s)
		}
	}
	x.insertAll(x.g, slots, x.toNode, x.toSlot)
	x.pending = x.pending[:0]
}

// insertAll inserts the vectors of slots (distinct) into g in parallel and
// records their node ids; a slot Mutable refuses (a zero cosine vector)
// gets noNode. Each goroutine writes only its own slots' and ids' entries.
func (x *graphIndex) insertAll(g *diskann.Mutable, slots, toNode, toSlot []uint32) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := min(runtime.GOMAXPROCS(0), len(slots)); w > 0; w-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(len(slots)) {
					return
				}
				s := slots[i]
				toNode[s] = noNode
				if id, err := g.Insert(x.flat.Vector(s)); err == nil {
					toNode[s], toSlot[id] = id, s
				}
			}
		}()
	}
	wg.Wait()
}

// rebuild builds a new graph of capacity twice the live vectors (at least
// twice the threshold) from every live vector.
func (x *graphIndex) rebuild() {
	n := x.flat.Len()
	capacity := 2 * max(n, x.threshold)
	g, err := diskann.NewMutable(x.flat.dim, capacity, diskann.Options{Metric: x.dmetric})
	if err != nil {
		// Only bad parameters fail, which the service never passes; stay
		// on brute force rather than panic.
		x.drop()
		return
	}
	rows := len(x.flat.vecs) / max(x.flat.dim, 1)
	slots := make([]uint32, 0, n)
	for s := 0; s < rows; s++ {
		if x.flat.has(uint32(s)) {
			slots = append(slots, uint32(s))
		}
	}
	toNode := make([]uint32, rows)
	for i := range toNode {
		toNode[i] = noNode
	}
	toSlot := make([]uint32, capacity)
	x.insertAll(g, slots, toNode, toSlot)
	x.g, x.cap, x.toNode, x.toSlot, x.pending = g, capacity, toNode, toSlot, x.pending[:0]
}

// Vector implements denseIndex.
func (x *graphIndex) Vector(slot uint32) []float32 { return x.flat.Vector(slot) }

// Len implements denseIndex.
func (x *graphIndex) Len() int { return x.flat.Len() }

// Bytes implements denseIndex: the flat store plus the graph's vectors,
// neighbour lists (R × DefaultSlack ids), degrees, locks and id maps.
func (x *graphIndex) Bytes() int64 {
	b := x.flat.Bytes() + int64(len(x.toNode)+len(x.toSlot))*4
	if x.g != nil {
		per := x.flat.dim*4 + int(math.Ceil(diskann.DefaultR*diskann.DefaultSlack))*4 + 4 + 8
		b += int64(x.cap) * int64(per)
	}
	return b
}

// Search implements denseIndex: brute force below the threshold; else a
// graph search with list DenseGraphSearchL. With a filter, the graph is
// asked for more and more results (DenseFilterFactor times as many each
// round) until k of them pass allow; past DenseFilterMaxL results, or a
// quarter of the namespace, an exact scan is cheaper and exact.
func (x *graphIndex) Search(q []float32, k int, allow func(slot uint32) bool, dst []hit) []hit {
	if x.g == nil || k <= 0 {
		return x.flat.Search(q, k, allow, dst)
	}
	bp, _ := x.pool.Get().(*[]diskann.Result)
	if bp == nil {
		bp = new([]diskann.Result)
	}
	defer x.pool.Put(bp)
	base := len(dst)
	want := k
	if allow != nil {
		want = max(k*DenseFilterFactor, DenseGraphSearchL)
	}
	limit := min(DenseFilterMaxL, x.flat.Len()/4)
	for {
		if allow != nil && want > limit {
			return x.flat.Search(q, k, allow, dst[:base])
		}
		l := max(DenseGraphSearchL, want)
		if allow != nil {
			l = max(l, want+want/2) // the tail of a list is its least accurate part
		}
		res, err := x.g.Search((*bp)[:0], q, want, l)
		*bp = res
		if err != nil {
			// A zero cosine query: the exact scan defines its answer.
			return x.flat.Search(q, k, allow, dst[:base])
		}
		dst = dst[:base]
		for _, r := range res {
			s := x.toSlot[r.ID]
			if allow != nil && !allow(s) {
				continue
			}
			dst = append(dst, hit{s, r.Dist})
			if len(dst)-base == k {
				break
			}
		}
		if len(dst)-base == k || allow == nil || len(res) < want {
			// Done, or the graph holds no more.
			return x.mergePending(q, k, allow, dst, base)
		}
		want *= DenseFilterFactor
	}
}

// mergePending merges into the k nearest hits of dst[base:] (nearest
// first) the queued vectors not yet in the graph, scored exactly.
func (x *graphIndex) mergePending(q []float32, k int, allow func(uint32) bool, dst []hit, base int) []hit {
	if len(x.pending) == 0 {
		return dst
	}
	qn := kernel.Norm(q)
	for _, s := range x.pending {
		if x.toNode[s] != queued || (allow != nil && !allow(s)) {
			continue
		}
		v := x.flat.Vector(s)
		var d float32
		if x.flat.metric == Euclidean {
			d = kernel.L2Squared(q, v)
		} else if nv := x.flat.norms[s]; nv > 0 && qn > 0 {
			d = 1 - kernel.Dot(q, v)/(qn*nv)
		} else {
			d = 1
		}
		dst = append(dst, hit{s, d})
	}
	sortHits(dst[base:])
	return dst[:base+min(k, len(dst)-base)]
}
