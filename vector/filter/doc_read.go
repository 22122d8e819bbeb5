package filter

import (
	"encoding/binary"
	"math"
)

// The readers below take a Doc and a value's offset and never panic: a
// malformed Doc makes them return -1 ("missing").

// valueEnd returns the offset just past the value at off, or -1.
func valueEnd(d Doc, off int) int {
	if off < 0 || off >= len(d) {
		return -1
	}
	switch d[off] {
	case tagNull, tagFalse, tagTrue:
		return off + 1
	case tagNumber:
		if off+9 > len(d) {
			return -1
		}
		return off + 9
	case tagString:
		_, end := readStr(d, off+1, len(d))
		return end
	case tagArray, tagObject:
		if off+containerHeader > len(d) {
			return -1
		}
		end := off + containerHeader + int(binary.LittleEndian.Uint32(d[off+1:]))
		if end > len(d) || end < off {
			return -1
		}
		return end
	}
	return -1
}

// readStr reads a uvarint-prefixed byte string at p that must end by
// limit; it returns the bytes and the offset after them, or next = -1.
func readStr(d Doc, p, limit int) (s []byte, next int) {
	if p >= limit {
		return nil, -1
	}
	n := uint64(d[p])
	p++
	if n >= 0x80 { // multi-byte length: rare, take the general path
		v, w := binary.Uvarint(d[p-1 : limit])
		if w <= 0 {
			return nil, -1
		}
		n, p = v, p-1+w
	}
	if n > uint64(limit-p) {
		return nil, -1
	}
	e := p + int(n)
	return d[p:e], e
}

// number returns the float64 of the number value at off.
func number(d Doc, off int) float64 {
	return math.Float64frombits(binary.LittleEndian.Uint64(d[off+1 : off+9]))
}

// member returns the offset of the value of key in the object at off,
// or -1.
func member(d Doc, off int, key string) int {
	end := valueEnd(d, off)
	if end < 0 || d[off] != tagObject {
		return -1
	}
	count := binary.LittleEndian.Uint32(d[off+5:])
	p := off + containerHeader
	for i := uint32(0); i < count; i++ {
		k, v := readStr(d, p, end)
		if v < 0 {
			return -1
		}
		// Keys are sorted: stop at the first larger one. Comparing the
		// first byte settles most keys without a call.
		if len(k) > 0 && len(key) > 0 && k[0] != key[0] {
			if k[0] > key[0] {
				return -1
			}
		} else if string(k) == key {
			return v
		} else if string(k) > key {
			return -1
		}
		if p = valueEnd(d[:end], v); p < 0 {
			return -1
		}
	}
	return -1
}

// element returns the offset of element i of the array at off (counted
// from the back when fromEnd: i = 1 is the last), or -1.
func element(d Doc, off, i int, fromEnd bool) int {
	end := valueEnd(d, off)
	if end < 0 || d[off] != tagArray {
		return -1
	}
	count := int(binary.LittleEndian.Uint32(d[off+5:]))
	if fromEnd {
		i = count - i
	}
	if i < 0 || i >= count {
		return -1
	}
	p := off + containerHeader
	for ; i > 0; i-- {
		if p = valueEnd(d[:end], p); p < 0 {
			return -1
		}
	}
	if p >= end {
		return -1
	}
	return p
}

// resolve follows path from the root value of d; it returns the offset of
// the value found, or -1.
func resolve(d Doc, path []segment) int {
	off := 0
	for i := range path {
		s := &path[i]
		if s.kind == segKey {
			off = member(d, off, s.key)
		} else {
			off = element(d, off, s.idx, s.kind == segFromEnd)
		}
		if off < 0 {
			return -1
		}
	}
	if valueEnd(d, off) < 0 {
		return -1
	}
	return off
}
