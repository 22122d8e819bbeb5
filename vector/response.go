package vector

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/updraftdb/updraft/vector/filter"
	"github.com/updraftdb/updraft/vector/sparse"
)

// JSON replies are appended by hand into the connection's buffer: the
// shapes are fixed and small, and vectors are written straight from the
// flat store with float32's shortest round-tripping text (0.1 stays 0.1).

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(append(dst, s[start:]...), '"')
}

// appendFloat appends f as a JSON number in the shortest form that reads
// back to the same value at bits precision (32 or 64), using exponents only
// for very small or large magnitudes, as encoding/json does.
func appendFloat(dst []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, '0')
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	return strconv.AppendFloat(dst, f, format, -1, bits)
}

func appendFloats(dst []byte, v []float32) []byte {
	dst = append(dst, '[')
	for i, f := range v {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendFloat(dst, float64(f), 32)
	}
	return append(dst, ']')
}

func appendSparse(dst []byte, v sparse.Vector) []byte {
	dst = append(dst, `{"indices":[`...)
	for i, x := range v.Indices {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = strconv.AppendUint(dst, uint64(x), 10)
	}
	dst = append(dst, `],"values":`...)
	return append(appendFloats(dst, v.Values), '}')
}

// include says which optional fields a record reply carries.
type include struct{ vectors, metadata, data bool }

// appendRecord appends record slot of ns as a JSON object, with its score
// when withScore.
func appendRecord(dst []byte, ns *namespace, slot uint32, sc float64, withScore bool, inc include) []byte {
	r := &ns.recs[slot]
	dst = append(dst, `{"id":`...)
	dst = appendString(dst, r.id)
	if withScore {
		dst = append(dst, `,"score":`...)
		dst = appendFloat(dst, sc, 64)
	}
	if inc.vectors {
		if ns.dense != nil {
			dst = append(dst, `,"vector":`...)
			dst = appendFloats(dst, ns.dense.Vector(slot))
		}
		if ns.sparse != nil {
			v, _ := ns.sparse.Get(slot, sparse.Vector{})
			dst = append(dst, `,"sparseVector":`...)
			dst = appendSparse(dst, v)
		}
	}
	if inc.metadata && r.meta != nil {
		mark := len(dst)
		dst = append(dst, `,"metadata":`...)
		out, err := filter.AppendJSON(dst, r.meta)
		if err != nil {
			out = dst[:mark]
		}
		dst = out
	}
	if inc.data && r.hasData {
		dst = append(dst, `,"data":`...)
		dst = appendString(dst, r.data)
	}
	return append(dst, '}')
}

// appendResult wraps a result: {"result":<v>} (v appended by fn).
func appendResultOpen(dst []byte) []byte { return append(dst, `{"result":`...) }

// appendError appends Upstash's error body.
func appendError(dst []byte, e *Error) []byte {
	dst = append(dst, `{"error":`...)
	dst = appendString(dst, e.Msg)
	dst = append(dst, `,"status":`...)
	dst = strconv.AppendInt(dst, int64(e.Status), 10)
	return append(dst, '}')
}
