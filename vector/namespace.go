package vector

import (
	"sort"
	"strings"

	"github.com/updraftdb/updraft/vector/filter"
	"github.com/updraftdb/updraft/vector/sparse"
)

// record is one stored record of a namespace, at its slot. A freed slot has
// live false and is reused by the next insert.
type record struct {
	id      string
	meta    filter.Doc // nil: no metadata
	data    string
	hasData bool
	live    bool
}

// namespace holds the records of one namespace of an index: string ids
// mapped to dense uint32 slots, which key the dense and sparse indexes.
type namespace struct {
	name   string
	ids    map[string]uint32
	recs   []record
	free   []uint32
	dense  denseIndex    // nil on sparse indexes
	sparse *sparse.Index // nil on dense indexes
	stats  *filter.Stats
	sorted []string // ids in order, for range; nil when stale
	metaB  int64    // bytes of metadata and data held
}

func newNamespace(name string, x *Index) *namespace {
	ns := &namespace{name: name, ids: map[string]uint32{}, stats: filter.NewStats()}
	if x.Kind.hasDense() {
		ns.dense = newDenseIndex(x.Dim, x.Metric)
	}
	if x.Kind.hasSparse() {
		ns.sparse = sparse.New()
	}
	return ns
}

// count is the number of live records.
func (ns *namespace) count() int { return len(ns.ids) }

// lookup returns the slot of id.
func (ns *namespace) lookup(id string) (uint32, bool) {
	s, ok := ns.ids[id]
	return s, ok
}

// put stores r (a validated record of the index's kind), replacing any
// record with the same id.
func (ns *namespace) put(r *Record) error {
	slot, exists := ns.ids[r.ID]
	if exists {
		ns.unindex(slot)
	} else {
		if n := len(ns.free); n > 0 {
			slot = ns.free[n-1]
			ns.free = ns.free[:n-1]
		} else {
			slot = uint32(len(ns.recs))
			ns.recs = append(ns.recs, record{})
		}
		ns.ids[r.ID] = slot
		ns.sorted = nil
	}
	if ns.sparse != nil {
		if err := ns.sparse.Upsert(slot, r.Sparse); err != nil {
			ns.drop(slot, r.ID)
			return err
		}
	}
	if ns.dense != nil {
		ns.dense.Add(slot, r.Vector)
	}
	rec := record{id: r.ID, live: true, data: r.Data, hasData: r.HasData}
	if len(r.Metadata) > 0 {
		rec.meta = append(filter.Doc(nil), r.Metadata...)
		ns.stats.Add(rec.meta)
	}
	ns.metaB += int64(len(rec.meta) + len(rec.data) + len(rec.id))
	ns.recs[slot] = rec
	return nil
}

// unindex removes slot's vectors and statistics, keeping its id mapping.
func (ns *namespace) unindex(slot uint32) {
	r := &ns.recs[slot]
	if r.meta != nil {
		ns.stats.Remove(r.meta)
	}
	ns.metaB -= int64(len(r.meta) + len(r.data) + len(r.id))
	if ns.dense != nil {
		ns.dense.Delete(slot)
	}
	if ns.sparse != nil {
		ns.sparse.Delete(slot)
	}
}

func (ns *namespace) drop(slot uint32, id string) {
	delete(ns.ids, id)
	ns.recs[slot] = record{}
	ns.free = append(ns.free, slot)
	ns.sorted = nil
}

// remove deletes the record id and reports whether it existed.
func (ns *namespace) remove(id string) bool {
	slot, ok := ns.ids[id]
	if !ok {
		return false
	}
	ns.unindex(slot)
	ns.drop(slot, id)
	return true
}

// sortedIDs returns every id in byte order (cached until the next insert or
// delete).
func (ns *namespace) sortedIDs() []string {
	if ns.sorted == nil {
		ns.sorted = make([]string, 0, len(ns.ids))
		for id := range ns.ids {
			ns.sorted = append(ns.sorted, id)
		}
		sort.Strings(ns.sorted)
	}
	return ns.sorted
}

// prefixRange returns the sorted ids starting with prefix.
func (ns *namespace) prefixRange(prefix string) []string {
	ids := ns.sortedIDs()
	if prefix == "" {
		return ids
	}
	lo := sort.SearchStrings(ids, prefix)
	hi := lo
	for hi < len(ids) && strings.HasPrefix(ids[hi], prefix) {
		hi++
	}
	return ids[lo:hi]
}

// bytes estimates the memory held by the namespace.
func (ns *namespace) bytes() int64 {
	b := ns.metaB + int64(len(ns.recs))*64 + int64(len(ns.ids))*48
	if ns.dense != nil {
		b += ns.dense.Bytes()
	}
	if ns.sparse != nil {
		b += int64(ns.sparse.Len()) * 64
	}
	return b
}
