package vector

import (
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/updraftdb/updraft/vector/filter"
	"github.com/updraftdb/updraft/vector/sparse"
)

// Spec describes an index: its name, dense dimension (0 for sparse
// indexes), similarity function and type.
type Spec struct {
	Name   string
	Dim    int
	Metric Metric
	Kind   Kind
}

// Record is one record as the API gives it.
type Record struct {
	ID        string
	Vector    []float32     // dense part, nil when absent
	Sparse    sparse.Vector // sparse part, when HasSparse
	HasSparse bool
	Metadata  filter.Doc // nil: none
	Data      string
	HasData   bool
}

// Index is one named vector index: its namespaces and their records,
// guarded by one RWMutex (queries share it, writes hold it alone), and the
// log that makes its changes durable.
type Index struct {
	Spec
	mu  sync.RWMutex
	ns  map[string]*namespace
	log *indexLog // nil for an index that is not persisted
	buf []byte    // batch encoding scratch, under mu
}

func newIndex(s Spec) *Index {
	x := &Index{Spec: s, ns: map[string]*namespace{}}
	x.ns[""] = newNamespace("", x)
	return x
}

// validate checks r against the index's type and dimension.
func (x *Index) validate(r *Record) *Error {
	if r.ID == "" {
		return badRequest("Record id must not be empty.")
	}
	if len(r.ID) > MaxIDBytes {
		return badRequest("Record id is longer than 512 bytes.")
	}
	if r.Vector != nil {
		if !x.Kind.hasDense() {
			return errf(422, "This index does not support dense vectors.")
		}
		if len(r.Vector) != x.Dim {
			return errDimension(len(r.Vector), x.Dim)
		}
		for _, f := range r.Vector {
			if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
				return badRequest("Vector values must be finite numbers.")
			}
		}
	} else if x.Kind.hasDense() {
		return errf(422, "This index requires dense vectors.")
	}
	if r.HasSparse {
		if !x.Kind.hasSparse() {
			return errf(422, "This index does not support sparse vectors.")
		}
		if err := r.Sparse.Normalize(); err != nil {
			return badRequest("Invalid sparse vector: " + err.Error())
		}
	} else if x.Kind.hasSparse() {
		return errf(422, "This index requires sparse vectors.")
	}
	if len(r.Metadata) > MaxMetadataBytes {
		return badRequest("Metadata is larger than 48 KB.")
	}
	if len(r.Data) > MaxDataBytes {
		return badRequest("Data is larger than 1 MB.")
	}
	return nil
}

// commit applies an encoded batch and appends it to the log; it returns
// the log sequence number to wait for (0 when not persisted). Call with
// x.mu held for writing.
func (x *Index) commit(batch []byte) uint64 {
	if len(batch) == 0 {
		return 0
	}
	_ = x.apply(batch)
	if x.log == nil {
		return 0
	}
	seq := x.log.submit(batch)
	x.maybeRewrite(x.countLocked())
	return seq
}

func (x *Index) countLocked() int {
	c := 0
	for _, n := range x.ns {
		c += n.count()
	}
	return c
}

// apply runs a batch of operations on memory (log replay and commit).
func (x *Index) apply(batch []byte) error {
	defer x.flushDense()
	r := opReader{b: batch}
	var rec Record
	for len(r.b) > 0 && !r.err {
		switch r.byte1() {
		case opUpsert:
			ns := r.readUpsert(&rec)
			if r.err {
				break
			}
			if x.validate(&rec) != nil {
				return errBadOp
			}
			_ = x.namespace(ns, true).put(&rec)
		case opDelete:
			ns, id := r.str(), r.str()
			if n := x.ns[ns]; n != nil && !r.err {
				n.remove(id)
			}
		case opReset:
			ns := r.str()
			if _, ok := x.ns[ns]; ok && !r.err {
				x.ns[ns] = newNamespace(ns, x)
			}
		case opResetAll:
			for name := range x.ns {
				x.ns[name] = newNamespace(name, x)
			}
		case opDropNS:
			ns := r.str()
			if ns != "" && !r.err {
				delete(x.ns, ns)
			}
		case opRename:
			from, to := r.str(), r.str()
			if n := x.ns[from]; n != nil && !r.err && from != "" && to != "" {
				delete(x.ns, from)
				n.name = to
				x.ns[to] = n
			}
		case opNamespace:
			ns := r.str()
			if !r.err {
				x.namespace(ns, true)
			}
		default:
			r.err = true
		}
	}
	if r.err {
		return errBadOp
	}
	return nil
}

// flushDense lets every namespace's dense index finish a batch's deferred
// inserts.
func (x *Index) flushDense() {
	for _, n := range x.ns {
		if n.dense != nil {
			n.dense.Flush()
		}
	}
}

// namespace returns the namespace named name, creating it when create.
func (x *Index) namespace(name string, create bool) *namespace {
	ns := x.ns[name]
	if ns == nil && create {
		ns = newNamespace(name, x)
		x.ns[name] = ns
	}
	return ns
}

// Upsert validates and stores records in namespace ns (replacing records
// with the same ids). It returns the log sequence to wait for.
func (x *Index) Upsert(ns string, recs []Record) (uint64, error) {
	for i := range recs {
		if err := x.validate(&recs[i]); err != nil {
			return 0, err
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	b := x.buf[:0]
	for i := range recs {
		b = appendUpsertOp(b, ns, &recs[i])
	}
	x.buf = b
	return x.commit(b), nil
}

// Delete removes the records ids from ns and returns how many existed.
func (x *Index) Delete(ns string, ids []string) (int, uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	n := x.ns[ns]
	if n == nil {
		return 0, 0
	}
	b := x.buf[:0]
	count := 0
	for _, id := range ids {
		if _, ok := n.ids[id]; ok {
			b = appendDeleteOp(b, ns, id)
			count++
		}
	}
	x.buf = b
	return count, x.commit(b)
}

// DeletePrefix removes the records of ns whose ids start with prefix.
func (x *Index) DeletePrefix(ns, prefix string) (int, uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	n := x.ns[ns]
	if n == nil {
		return 0, 0
	}
	b := x.buf[:0]
	ids := n.prefixRange(prefix)
	for _, id := range ids {
		b = appendDeleteOp(b, ns, id)
	}
	x.buf = b
	return len(ids), x.commit(b)
}

// DeleteFilter removes the records of ns whose metadata match f (a full
// scan).
func (x *Index) DeleteFilter(ns string, f *filter.Filter) (int, uint64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	n := x.ns[ns]
	if n == nil {
		return 0, 0
	}
	b := x.buf[:0]
	count := 0
	for i := range n.recs {
		if r := &n.recs[i]; r.live && f.Match(r.meta) {
			b = appendDeleteOp(b, ns, r.id)
			count++
		}
	}
	x.buf = b
	return count, x.commit(b)
}

// Reset empties namespace ns (it keeps existing).
func (x *Index) Reset(ns string) uint64 {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.ns[ns] == nil {
		return 0
	}
	return x.commit(appendNSOp(x.buf[:0], opReset, ns))
}

// ResetAll empties every namespace.
func (x *Index) ResetAll() uint64 {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.commit(append(x.buf[:0], opResetAll))
}

// DeleteNamespace removes namespace ns and its records.
func (x *Index) DeleteNamespace(ns string) (uint64, error) {
	if ns == "" {
		return 0, errDefaultNamespace
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.ns[ns] == nil {
		return 0, errNamespace(ns, x.Name)
	}
	return x.commit(appendNSOp(x.buf[:0], opDropNS, ns)), nil
}

// RenameNamespace renames namespace from to to; an existing to is replaced
// only with deleteExisting.
func (x *Index) RenameNamespace(from, to string, deleteExisting bool) (uint64, error) {
	if from == "" || to == "" {
		return 0, badRequest("The default namespace cannot be renamed.")
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.ns[from] == nil {
		return 0, errNamespace(from, x.Name)
	}
	if from == to {
		return 0, nil
	}
	b := x.buf[:0]
	if x.ns[to] != nil {
		if !deleteExisting {
			return 0, badRequest("Namespace " + to + " already exists. Set deleteExisting to true to replace it.")
		}
		b = appendNSOp(b, opDropNS, to)
	}
	return x.commit(appendRenameOp(b, from, to)), nil
}

// Namespaces returns the namespace names, sorted ("" first).
func (x *Index) Namespaces() []string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := make([]string, 0, len(x.ns))
	for n := range x.ns {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Count returns the number of records in every namespace.
func (x *Index) Count() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.countLocked()
}

// validNamespace reports whether s may name a namespace: it travels in the
// URL path, so no slashes, controls or '?'.
func validNamespace(s string) bool {
	return len(s) <= 256 && !strings.ContainsAny(s, "/?#\x00\r\n")
}
