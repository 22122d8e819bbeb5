package filter

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"strconv"
)

// AppendJSON appends d as JSON text to dst (object keys in sorted order,
// numbers in shortest form). It fails on a malformed Doc.
func AppendJSON(dst []byte, d Doc) ([]byte, error) {
	b, end := appendJSONValue(dst, d, 0, 0)
	if end < 0 || end != len(d) {
		return dst, errBadDoc("malformed document")
	}
	return b, nil
}

// appendJSONValue prints the value at off and returns the offset after it
// (-1 when malformed).
func appendJSONValue(b []byte, d Doc, off, depth int) ([]byte, int) {
	end := valueEnd(d, off)
	if end < 0 || depth > maxDocDepth {
		return b, -1
	}
	switch d[off] {
	case tagNull:
		return append(b, "null"...), end
	case tagFalse:
		return append(b, "false"...), end
	case tagTrue:
		return append(b, "true"...), end
	case tagNumber:
		f := number(d, off)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return b, -1
		}
		return strconv.AppendFloat(b, f, 'g', -1, 64), end
	case tagString:
		s, _ := readStr(d, off+1, end)
		return appendJSONString(b, s), end
	}
	obj := d[off] == tagObject
	open, close := byte('['), byte(']')
	if obj {
		open, close = '{', '}'
	}
	b = append(b, open)
	count := binary.LittleEndian.Uint32(d[off+5:])
	p := off + containerHeader
	for i := uint32(0); i < count; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		if obj {
			k, next := readStr(d, p, end)
			if next < 0 {
				return b, -1
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			p = next
		}
		if p >= end {
			return b, -1
		}
		b, p = appendJSONValue(b, d[:end], p, depth+1)
		if p < 0 {
			return b, -1
		}
	}
	if p != end {
		return b, -1
	}
	return append(b, close), end
}

func appendJSONString(b []byte, s []byte) []byte {
	q, _ := json.Marshal(string(s)) // strings here are rare (printing), never in filtering
	return append(b, q...)
}
