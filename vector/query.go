package vector

import (
	"sort"

	"github.com/updraftdb/updraft/vector/filter"
	"github.com/updraftdb/updraft/vector/fusion"
	"github.com/updraftdb/updraft/vector/sparse"
)

// Query is one similarity query.
type Query struct {
	TopK      int
	Vector    []float32 // dense query, nil when absent
	Sparse    sparse.Vector
	HasSparse bool
	Filter    *filter.Filter // nil: every record
	Weighting sparse.Weighting
	Fusion    fusion.Algorithm
	Mode      fusion.Mode
	// What each result carries.
	IncludeVectors, IncludeMetadata, IncludeData bool
}

// scored is a result: a slot of the namespace and its API score.
type scored struct {
	slot  uint32
	score float64
}

// checkQuery validates q against the index.
func (x *Index) checkQuery(q *Query) *Error {
	if q.TopK < 1 || q.TopK > MaxTopK {
		return badRequest("topK must be between 1 and 1000.")
	}
	if q.Vector == nil && !q.HasSparse {
		return errNoQueryVector
	}
	if q.Vector != nil {
		if !x.Kind.hasDense() {
			return errf(422, "This index does not support dense vectors.")
		}
		if len(q.Vector) != x.Dim {
			return errDimension(len(q.Vector), x.Dim)
		}
	}
	if q.HasSparse {
		if !x.Kind.hasSparse() {
			return errf(422, "This index does not support sparse vectors.")
		}
		if err := q.Sparse.Normalize(); err != nil {
			return badRequest("Invalid sparse vector: " + err.Error())
		}
	}
	return nil
}

// search runs q on namespace ns and appends up to k results to dst, best
// first. Call with x.mu held (read).
func (x *Index) search(ns *namespace, q *Query, k int, dst []scored) []scored {
	useDense := q.Vector != nil && q.Mode != fusion.Sparse
	useSparse := q.HasSparse && q.Mode != fusion.Dense
	if q.Vector != nil && !useSparse {
		useDense = true // a dense-only query on a hybrid index ignores queryMode SPARSE
	}
	if q.HasSparse && !useDense {
		useSparse = true
	}
	var allow func(uint32) bool
	if q.Filter != nil {
		allow = func(slot uint32) bool { return q.Filter.Match(ns.recs[slot].meta) }
	}
	switch {
	case useDense && useSparse:
		c := max(k, HybridCandidates)
		dh := x.denseSearch(ns, q, c, allow, nil)
		sh := sparseSearch(ns, q, c, allow, nil)
		dl := make([]fusion.Hit, len(dh))
		for i, h := range dh {
			dl[i] = fusion.Hit{ID: h.slot, Score: h.score}
		}
		sl := make([]fusion.Hit, len(sh))
		for i, h := range sh {
			sl[i] = fusion.Hit{ID: h.slot, Score: h.score}
		}
		for _, h := range fusion.Fuse(q.Fusion, dl, sl, k, nil) {
			dst = append(dst, scored{h.ID, h.Score})
		}
		return dst
	case useDense:
		return x.denseSearch(ns, q, k, allow, dst)
	default:
		return sparseSearch(ns, q, k, allow, dst)
	}
}

// denseSearch is the dense part of a query: an exact scan of the matching
// records when the filter is very selective, otherwise the index's search
// with the filter applied; then the API scores in float64.
func (x *Index) denseSearch(ns *namespace, q *Query, k int, allow func(uint32) bool, dst []scored) []scored {
	base := len(dst)
	if q.Filter != nil && q.Filter.Selectivity(ns.stats) <= PrefilterSelectivity {
		for slot := range ns.recs {
			r := &ns.recs[slot]
			if r.live && q.Filter.Match(r.meta) {
				dst = append(dst, scored{uint32(slot), score(x.Metric, q.Vector, ns.dense.Vector(uint32(slot)))})
			}
		}
		res := dst[base:]
		sortScored(res)
		return dst[:base+min(k, len(res))]
	}
	hits := ns.dense.Search(q.Vector, k, allow, nil)
	for _, h := range hits {
		dst = append(dst, scored{h.slot, score(x.Metric, q.Vector, ns.dense.Vector(h.slot))})
	}
	sortScored(dst[base:])
	return dst
}

func sparseSearch(ns *namespace, q *Query, k int, allow func(uint32) bool, dst []scored) []scored {
	hits, err := ns.sparse.Search(q.Sparse, k, q.Weighting, allow, nil)
	if err != nil {
		return dst
	}
	for _, h := range hits {
		dst = append(dst, scored{h.ID, float64(h.Score)})
	}
	return dst
}

// sortScored orders results by score, best first, ties by slot.
func sortScored(s []scored) {
	sort.Slice(s, func(i, j int) bool {
		if s[i].score != s[j].score {
			return s[i].score > s[j].score
		}
		return s[i].slot < s[j].slot
	})
}
