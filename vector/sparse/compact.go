package sparse

// Compact rewrites the index without tombstones or abandoned arena blocks:
// live documents are renumbered densely in their current order, every
// posting list becomes one exactly-sized block sorted by slot, and terms no
// live document uses are forgotten. It runs automatically when garbage
// passes half of the arenas (and compactMinGarbage); it costs one pass over
// the live postings under the write lock.
func (x *Index) Compact() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.compact()
}

func (x *Index) maybeCompact() {
	if x.garbage >= compactMinGarbage && 2*x.garbage > len(x.postSlot)+len(x.fwdTerms) {
		x.compact()
	}
}

func (x *Index) compact() {
	// Forward arena and slots, live ones only, in order.
	nfwd := 0
	for s, ok := range x.alive {
		if ok {
			nfwd += int(x.slots[s].n)
		}
	}
	slots := make([]slot, 0, x.live)
	fwdTerms := make([]uint32, 0, nfwd)
	fwdVals := make([]float32, 0, nfwd)
	for s, ok := range x.alive {
		if !ok {
			continue
		}
		sl := x.slots[s]
		slots = append(slots, slot{rec: sl.rec, off: uint32(len(fwdTerms)), n: sl.n})
		fwdTerms = append(fwdTerms, x.fwdTerms[sl.off:sl.off+sl.n]...)
		fwdVals = append(fwdVals, x.fwdVals[sl.off:sl.off+sl.n]...)
	}
	// Terms still used, with their exact list sizes (the live df).
	termOf := make(map[uint32]uint32, len(x.termOf))
	var termIDs []uint32
	var terms []termList
	for t, tl := range x.terms {
		if tl.df == 0 {
			continue
		}
		termOf[x.termIDs[t]] = uint32(len(terms))
		termIDs = append(termIDs, x.termIDs[t])
		terms = append(terms, termList{cap: tl.df})
	}
	off := uint32(0)
	for i := range terms {
		terms[i].off = off
		off += terms[i].cap
	}
	postSlot := make([]uint32, off)
	postW := make([]float32, off)
	slotOf := make(map[uint32]uint32, len(slots))
	alive := make([]bool, len(slots))
	for s, sl := range slots {
		alive[s] = true
		slotOf[sl.rec] = uint32(s)
		for i := sl.off; i < sl.off+sl.n; i++ {
			tl := &terms[termOf[fwdTerms[i]]]
			postSlot[tl.off+tl.n] = uint32(s)
			postW[tl.off+tl.n] = fwdVals[i]
			tl.n++
			tl.df++
		}
	}
	x.termOf, x.termIDs, x.terms = termOf, termIDs, terms
	x.postSlot, x.postW = postSlot, postW
	x.slotOf, x.slots, x.alive = slotOf, slots, alive
	x.fwdTerms, x.fwdVals = fwdTerms, fwdVals
	x.garbage = 0
}
