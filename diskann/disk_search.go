package diskann

import (
	"slices"

	"github.com/updraftdb/updraft/diskann/kernel"
	"github.com/updraftdb/updraft/diskann/pq"
)

// diskScratch is one disk search's reusable state.
type diskScratch struct {
	seen  visitSet
	cands candList  // scored by PQ distance
	query []float32 // the query in the metric's L2 form
	table *pq.Table
	bufs  []byte // beam blocks
	recs  [][]byte
	beam  []uint32
	vec   []float32
	nbrs  []uint32
	exact []Result // every expanded node, by its exact distance
}

func (d *Disk) getScratch(w int) *diskScratch {
	s, _ := d.pool.Get().(*diskScratch)
	if s == nil {
		s = &diskScratch{query: make([]float32, d.h.sdim), table: d.cb.NewTable(),
			vec: make([]float32, d.h.sdim), nbrs: make([]uint32, d.h.r)}
	}
	if len(s.bufs) < w*d.h.blockSize {
		s.bufs = make([]byte, w*d.h.blockSize)
		s.recs = make([][]byte, w)
	}
	return s
}

// Search appends to dst the k nearest nodes to q, nearest first, found by
// the paper's beam search: candidates are kept in a list of size l scored
// by PQ distance; each round expands the w nearest unexpanded ones (w = 0:
// the configured BeamWidth), reading the blocks of those not cached in
// one batch; every expanded node is re-ranked with its full vector.
func (d *Disk) Search(dst []Result, q []float32, k, l, w int) ([]Result, error) {
	if len(q) != d.h.dim {
		return dst, ErrQueryLength
	}
	if w == 0 {
		w = d.beam
	}
	if l == 0 {
		l = DefaultSearchL
	}
	if k < 1 || w < 1 || w > 64 {
		return dst, ErrParams
	}
	l = max(l, k)
	s := d.getScratch(w)
	defer d.pool.Put(s)
	if err := prepareQuery(d.h.metric, q, s.query); err != nil {
		return dst, err
	}
	d.cb.Fill(s.table, s.query, pq.L2)
	s.seen.reset(d.h.n)
	s.cands.reset(l)
	s.exact = s.exact[:0]
	c := &s.cands
	m := d.h.pqM
	med := d.h.medoid
	s.seen.testAndSet(med)
	c.insert(med, s.table.Distance(d.codes[int(med)*m:int(med)*m+m]))
	for {
		// The beam: the w nearest unexpanded candidates.
		s.beam = s.beam[:0]
		for i := c.next(); i >= 0 && i < c.n && len(s.beam) < w; i++ {
			if !c.expanded[i] {
				c.expanded[i] = true
				s.beam = append(s.beam, c.ids[i])
			}
		}
		if len(s.beam) == 0 {
			break
		}
		// One batch of reads for the nodes not in the cache.
		reads := 0
		for j, id := range s.beam {
			s.recs[j] = nil
			if _, ok := d.cacheSlot[id]; ok {
				continue
			}
			buf := s.bufs[j*d.h.blockSize : (j+1)*d.h.blockSize]
			rec, err := d.readBlock(id, buf)
			if err != nil {
				return dst, err
			}
			s.recs[j] = rec
			reads++
		}
		d.reads.Add(int64(reads))
		for j, id := range s.beam {
			var vec []float32
			var nbrs []uint32
			if s.recs[j] == nil {
				slot := int(d.cacheSlot[id])
				vec = d.cacheVecs[slot*d.h.sdim : (slot+1)*d.h.sdim]
				nbrs = d.cacheAdj[slot*d.h.r : slot*d.h.r+int(d.cacheDeg[slot])]
			} else {
				var err error
				if nbrs, err = d.decodeRecord(s.recs[j], s.vec, s.nbrs); err != nil {
					return dst, err
				}
				vec = s.vec
			}
			s.exact = append(s.exact, Result{ID: id, Dist: d.exactDist(s.query, vec)})
			for _, nb := range nbrs {
				if s.seen.testAndSet(nb) {
					continue
				}
				pd := s.table.Distance(d.codes[int(nb)*m : int(nb)*m+m])
				if !c.rejects(pd) {
					c.insert(nb, pd)
				}
			}
		}
	}
	slices.SortFunc(s.exact, cmpResult)
	for i := 0; i < len(s.exact) && i < k; i++ {
		dst = append(dst, s.exact[i])
	}
	return dst, nil
}

// exactDist is the metric's distance between the prepared query and a
// stored vector.
func (d *Disk) exactDist(q, vec []float32) float32 {
	switch d.h.metric {
	case Cosine:
		return kernel.L2Squared(q, vec) / 2
	case InnerProduct:
		return -kernel.Dot(q[:d.h.dim], vec[:d.h.dim])
	}
	return kernel.L2Squared(q, vec)
}
