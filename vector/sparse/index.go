package sparse

import (
	"errors"
	"math"
	"sync"
)

// ErrFull is returned when an arena would pass 2^32 entries.
var ErrFull = errors.New("sparse index is full")

// termList is one term's postings block in the arena and its document
// frequency. Blocks double when full; the old block becomes garbage.
type termList struct {
	off, n, cap uint32 // block in postSlot/postW
	df          uint32 // live documents holding the term
}

// slot is one stored document version. An update gets a new slot, so old
// postings are recognised as dead by alive[slot] alone.
type slot struct {
	rec    uint32 // the caller's record id
	off, n uint32 // its vector in fwdTerms/fwdVals
}

// Index is an inverted index of sparse vectors keyed by the caller's uint32
// record ids. All bulk data lives in flat pointer-free slices; the two maps
// have pointer-free keys and values, so the GC never scans them.
//
// Index is safe for concurrent use: writers take an exclusive lock, Search
// a shared one.
type Index struct {
	mu sync.RWMutex

	termOf  map[uint32]uint32 // term id -> position in terms/termIDs
	termIDs []uint32
	terms   []termList

	postSlot []uint32 // postings arena: slot numbers
	postW    []float32

	slotOf   map[uint32]uint32 // record id -> its live slot
	slots    []slot
	alive    []bool
	fwdTerms []uint32 // forward arena: each slot's vector
	fwdVals  []float32

	live    int // live documents (N for IDF)
	garbage int // dead postings + abandoned arena entries

	scratch sync.Pool // *scratch, one per concurrent Search
}

// New returns an empty index.
func New() *Index {
	return &Index{termOf: make(map[uint32]uint32), slotOf: make(map[uint32]uint32)}
}

// Len is the number of live documents.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.live
}

// DF is the number of live documents with a non-zero entry for term.
func (x *Index) DF(term uint32) int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	if t, ok := x.termOf[term]; ok {
		return int(x.terms[t].df)
	}
	return 0
}

// Upsert stores v as record rec, replacing any previous vector. v is
// validated and sorted in place (see Vector.Normalize); the index keeps its
// own copy.
func (x *Index) Upsert(rec uint32, v Vector) error {
	if err := v.Normalize(); err != nil {
		return err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if uint64(len(x.slots))+1 > math.MaxUint32 ||
		uint64(len(x.fwdTerms))+uint64(v.Len()) > math.MaxUint32 ||
		uint64(len(x.postSlot))+2*uint64(v.Len())+minPostingCap > math.MaxUint32 {
		return ErrFull
	}
	if old, ok := x.slotOf[rec]; ok {
		x.kill(old)
	}
	s := uint32(len(x.slots))
	x.slots = append(x.slots, slot{rec: rec, off: uint32(len(x.fwdTerms)), n: uint32(v.Len())})
	x.alive = append(x.alive, true)
	x.fwdTerms = append(x.fwdTerms, v.Indices...)
	x.fwdVals = append(x.fwdVals, v.Values...)
	for i, term := range v.Indices {
		x.addPosting(term, s, v.Values[i])
	}
	x.slotOf[rec] = s
	x.live++
	x.maybeCompact()
	return nil
}

// Delete removes record rec and reports whether it was present.
func (x *Index) Delete(rec uint32) bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	s, ok := x.slotOf[rec]
	if !ok {
		return false
	}
	x.kill(s)
	delete(x.slotOf, rec)
	x.maybeCompact()
	return true
}

// Get appends record rec's vector (sorted by index) to dst's storage and
// reports whether the record exists.
func (x *Index) Get(rec uint32, dst Vector) (Vector, bool) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	s, ok := x.slotOf[rec]
	if !ok {
		return dst, false
	}
	sl := x.slots[s]
	dst.Indices = append(dst.Indices[:0], x.fwdTerms[sl.off:sl.off+sl.n]...)
	dst.Values = append(dst.Values[:0], x.fwdVals[sl.off:sl.off+sl.n]...)
	return dst, true
}

// Reset empties the index, keeping nothing.
func (x *Index) Reset() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.termOf, x.termIDs, x.terms = make(map[uint32]uint32), nil, nil
	x.postSlot, x.postW = nil, nil
	x.slotOf, x.slots, x.alive = make(map[uint32]uint32), nil, nil
	x.fwdTerms, x.fwdVals = nil, nil
	x.live, x.garbage = 0, 0
}

// kill tombstones slot s: its postings stay in the lists until Compact but
// no longer count in document frequencies or results.
func (x *Index) kill(s uint32) {
	x.alive[s] = false
	sl := x.slots[s]
	for _, term := range x.fwdTerms[sl.off : sl.off+sl.n] {
		x.terms[x.termOf[term]].df--
	}
	x.garbage += 2 * int(sl.n) // its postings and its forward copy
	x.live--
}

// addPosting appends (s, w) to term's list, growing its block by doubling.
func (x *Index) addPosting(term, s uint32, w float32) {
	t, ok := x.termOf[term]
	if !ok {
		t = uint32(len(x.terms))
		x.termOf[term] = t
		x.termIDs = append(x.termIDs, term)
		x.terms = append(x.terms, termList{})
	}
	tl := &x.terms[t]
	if tl.n == tl.cap {
		newCap := max(2*tl.cap, minPostingCap)
		off := uint32(len(x.postSlot))
		x.postSlot = append(x.postSlot, make([]uint32, newCap)...)
		x.postW = append(x.postW, make([]float32, newCap)...)
		copy(x.postSlot[off:], x.postSlot[tl.off:tl.off+tl.n])
		copy(x.postW[off:], x.postW[tl.off:tl.off+tl.n])
		x.garbage += int(tl.cap)
		tl.off, tl.cap = off, newCap
	}
	x.postSlot[tl.off+tl.n] = s
	x.postW[tl.off+tl.n] = w
	tl.n++
	tl.df++
}
