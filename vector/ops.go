package vector

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/updraftdb/updraft/vector/filter"
	"github.com/updraftdb/updraft/vector/sparse"
)

// Every change to an index is a batch of operations, encoded once: the
// same bytes are applied to memory and appended to the index's log, and
// replaying the log applies them again, so recovery runs exactly the code
// that served the write. A snapshot is a stream of the same operations.
//
// Operation encoding (integers little-endian, strings uvarint-length
// prefixed):
//
//	opUpsert    ns, id, flags, [dim float32] [n, n u32, n f32] [meta] [data]
//	opDelete    ns, id
//	opReset     ns
//	opResetAll
//	opDropNS    ns
//	opRename    from, to
//	opNamespace ns (the namespace exists, even empty)
const (
	opUpsert byte = iota + 1
	opDelete
	opReset
	opResetAll
	opDropNS
	opRename
	opNamespace
)

// Upsert flags.
const (
	hasDense byte = 1 << iota
	hasSparse
	hasMeta
	hasData
)

// errBadOp is returned for a batch that does not decode (a damaged log or
// snapshot).
var errBadOp = errors.New("vector: malformed operation in log")

func appendStr(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

func appendUpsertOp(dst []byte, ns string, r *Record) []byte {
	dst = append(dst, opUpsert)
	dst = appendStr(dst, ns)
	dst = appendStr(dst, r.ID)
	var fl byte
	if r.Vector != nil {
		fl |= hasDense
	}
	if r.HasSparse {
		fl |= hasSparse
	}
	if len(r.Metadata) > 0 {
		fl |= hasMeta
	}
	if r.HasData {
		fl |= hasData
	}
	dst = append(dst, fl)
	if fl&hasDense != 0 {
		dst = binary.AppendUvarint(dst, uint64(len(r.Vector)))
		for _, f := range r.Vector {
			dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(f))
		}
	}
	if fl&hasSparse != 0 {
		dst = binary.AppendUvarint(dst, uint64(len(r.Sparse.Indices)))
		for _, i := range r.Sparse.Indices {
			dst = binary.LittleEndian.AppendUint32(dst, i)
		}
		for _, f := range r.Sparse.Values {
			dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(f))
		}
	}
	if fl&hasMeta != 0 {
		dst = appendStr(dst, string(r.Metadata))
	}
	if fl&hasData != 0 {
		dst = appendStr(dst, r.Data)
	}
	return dst
}

func appendNSOp(dst []byte, op byte, ns string) []byte {
	return appendStr(append(dst, op), ns)
}

func appendDeleteOp(dst []byte, ns, id string) []byte {
	return appendStr(appendNSOp(dst, opDelete, ns), id)
}

func appendRenameOp(dst []byte, from, to string) []byte {
	return appendStr(appendNSOp(dst, opRename, from), to)
}

// opReader decodes one batch.
type opReader struct {
	b   []byte
	err bool
}

func (r *opReader) byte1() byte {
	if len(r.b) < 1 {
		r.err = true
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *opReader) uvarint(limit uint64) int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > limit {
		r.err = true
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *opReader) bytes(n int) []byte {
	if n < 0 || len(r.b) < n {
		r.err = true
		return nil
	}
	p := r.b[:n:n]
	r.b = r.b[n:]
	return p
}

func (r *opReader) str() string {
	return string(r.bytes(r.uvarint(uint64(len(r.b)))))
}

func (r *opReader) floats(n int) []float32 {
	p := r.bytes(4 * n)
	if r.err {
		return nil
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(p[4*i:]))
	}
	return out
}

// readUpsert decodes the body of an opUpsert into rec.
func (r *opReader) readUpsert(rec *Record) (ns string) {
	ns = r.str()
	rec.ID = r.str()
	fl := r.byte1()
	*rec = Record{ID: rec.ID}
	if fl&hasDense != 0 {
		rec.Vector = r.floats(r.uvarint(MaxDimension))
	}
	if fl&hasSparse != 0 {
		n := r.uvarint(sparse.MaxNonZero)
		p := r.bytes(4 * n)
		if !r.err {
			rec.Sparse.Indices = make([]uint32, n)
			for i := range rec.Sparse.Indices {
				rec.Sparse.Indices[i] = binary.LittleEndian.Uint32(p[4*i:])
			}
		}
		rec.Sparse.Values = r.floats(n)
		rec.HasSparse = true
	}
	if fl&hasMeta != 0 {
		rec.Metadata = filter.Doc(r.bytes(r.uvarint(uint64(len(r.b)))))
		if !r.err && filter.Validate(rec.Metadata) != nil {
			r.err = true
		}
	}
	if fl&hasData != 0 {
		rec.Data, rec.HasData = r.str(), true
	}
	return ns
}
