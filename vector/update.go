package vector

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"

	"github.com/updraftdb/updraft/vector/filter"
	"github.com/updraftdb/updraft/vector/sparse"
)

// Update is a partial change of one record: only the fields given change.
type Update struct {
	ID        string
	Vector    []float32 // nil: unchanged
	Sparse    sparse.Vector
	HasSparse bool
	Data      *string // nil: unchanged
	// Metadata is the raw JSON given (nil: unchanged; "null" removes it
	// under OVERWRITE). Patch applies it as an RFC 7396 merge patch.
	Metadata []byte
	Patch    bool
}

func (uj *updateJSON) toUpdate() (Update, *Error) {
	var u Update
	id, err := parseID(uj.ID)
	if err != nil {
		return u, err
	}
	u.ID, u.Vector, u.Data = id, uj.Vector, uj.Data
	if uj.SparseVector != nil {
		if u.Sparse, err = parseSparse(uj.SparseVector); err != nil {
			return u, err
		}
		u.HasSparse = true
	}
	switch strings.ToUpper(uj.MetadataUpdateMode) {
	case "", "OVERWRITE":
	case "PATCH":
		u.Patch = true
	default:
		return u, badRequest(`metadataUpdateMode must be "OVERWRITE" or "PATCH".`)
	}
	if m := bytes.TrimSpace(uj.Metadata); len(m) > 0 {
		if m[0] != '{' && string(m) != "null" {
			return u, badRequest("Metadata must be a JSON object.")
		}
		u.Metadata = m
	}
	if u.Vector == nil && !u.HasSparse && u.Data == nil && u.Metadata == nil {
		return u, badRequest("Nothing to update: give vector, sparseVector, data or metadata.")
	}
	return u, nil
}

// Update changes the record u.ID of ns and reports whether it existed
// (0 or 1).
func (x *Index) Update(ns string, u *Update) (int, uint64, error) {
	if x.Kind == Hybrid && (u.Vector != nil) != u.HasSparse {
		return 0, 0, badRequest("A hybrid index updates both dense and sparse vectors, or neither.")
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	n := x.ns[ns]
	if n == nil {
		return 0, 0, nil
	}
	slot, ok := n.lookup(u.ID)
	if !ok {
		return 0, 0, nil
	}
	old := &n.recs[slot]
	r := Record{ID: u.ID, Metadata: old.meta, Data: old.data, HasData: old.hasData}
	if n.dense != nil {
		r.Vector = n.dense.Vector(slot)
	}
	if n.sparse != nil {
		r.Sparse, _ = n.sparse.Get(slot, sparse.Vector{})
		r.HasSparse = true
	}
	if u.Vector != nil {
		r.Vector = u.Vector
	}
	if u.HasSparse {
		r.Sparse = u.Sparse
	}
	if u.Data != nil {
		r.Data, r.HasData = *u.Data, true
	}
	if u.Metadata != nil {
		doc, err := newMetadata(old.meta, u.Metadata, u.Patch)
		if err != nil {
			return 0, 0, err
		}
		r.Metadata = doc
	}
	if err := x.validate(&r); err != nil {
		return 0, 0, err
	}
	b := appendUpsertOp(x.buf[:0], ns, &r)
	x.buf = b
	return 1, x.commit(b), nil
}

// newMetadata computes a record's metadata after an update.
func newMetadata(old filter.Doc, given []byte, patch bool) (filter.Doc, *Error) {
	if !patch {
		return parseMetadata(given)
	}
	var cur any = map[string]any{}
	if old != nil {
		js, err := filter.AppendJSON(nil, old)
		if err == nil {
			_ = json.Unmarshal(js, &cur)
		}
	}
	var p any
	if err := json.Unmarshal(given, &p); err != nil {
		return nil, badRequest("Invalid metadata: " + err.Error())
	}
	merged := mergePatch(cur, p)
	if m, ok := merged.(map[string]any); !ok || len(m) == 0 {
		return nil, nil
	}
	js, err := json.Marshal(merged)
	if err != nil {
		return nil, badRequest("Invalid metadata: " + err.Error())
	}
	return parseMetadata(js)
}

// mergePatch applies an RFC 7396 JSON merge patch.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, ok := target.(map[string]any)
	if !ok {
		t = map[string]any{}
	}
	for k, v := range p {
		if v == nil {
			delete(t, k)
		} else {
			t[k] = mergePatch(t[k], v)
		}
	}
	return t
}

// BM25 encoders are not safe for concurrent use; requests borrow one.
var encoders = sync.Pool{New: func() any { return sparse.NewEncoder() }}

// bm25Document is the BM25 sparse vector of a record's data.
func bm25Document(text string) sparse.Vector {
	e := encoders.Get().(*sparse.Encoder)
	v, _ := e.Document(sparse.Vector{}, text)
	encoders.Put(e)
	return v
}

// bm25Query is the sparse query vector of a data query.
func bm25Query(text string) sparse.Vector {
	e := encoders.Get().(*sparse.Encoder)
	v := e.Query(sparse.Vector{}, text)
	encoders.Put(e)
	return v
}
