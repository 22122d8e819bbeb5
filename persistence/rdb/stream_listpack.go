package rdb

import (
	"encoding/binary"
	"strconv"
)

// Listpack reading and writing for stream nodes, whose counters, flags and
// ID deltas are listpack integers and whose fields and values are strings
// (integers when canonical). Strings read point into the listpack, which
// the caller owns; integers read as strings are formatted into an arena.

// lpCursor walks the elements of one listpack.
type lpCursor struct {
	b     []byte // the listpack, up to (not including) its 0xff end byte
	p     int
	n     int    // elements read
	arena []byte // integers formatted by str
}

// newLPCursor checks a listpack's header and end byte.
func newLPCursor(b []byte) (lpCursor, error) {
	if len(b) < 7 || int(binary.LittleEndian.Uint32(b)) != len(b) || b[len(b)-1] != 0xff {
		return lpCursor{}, errPacked
	}
	return lpCursor{b: b[:len(b)-1], p: 6}, nil
}

// done reports whether every element was read, and checks the header's
// element count when it is known.
func (c *lpCursor) done() bool { return c.p == len(c.b) }

func (c *lpCursor) countOK(full []byte) bool {
	n := int(binary.LittleEndian.Uint16(full[4:]))
	return n == 0xffff || n == c.n
}

// next reads one element: a string (pointing into the listpack) or an
// integer.
func (c *lpCursor) next() (s []byte, v int64, isInt bool, err error) {
	b := c.b[c.p:]
	if len(b) == 0 {
		return nil, 0, false, errPacked
	}
	var n, hdr int
	switch x := b[0]; {
	case x&0x80 == 0:
		v, hdr, isInt = int64(x), 1, true
	case x&0xc0 == 0x80:
		n, hdr = int(x&0x3f), 1
	case x&0xe0 == 0xc0:
		if len(b) < 2 {
			return nil, 0, false, errPacked
		}
		v, hdr, isInt = int64(x&0x1f)<<8|int64(b[1]), 2, true
		if v >= 1<<12 {
			v -= 1 << 13
		}
	case x&0xf0 == 0xe0:
		if len(b) < 2 {
			return nil, 0, false, errPacked
		}
		n, hdr = int(x&0x0f)<<8|int(b[1]), 2
	case x == 0xf0:
		if len(b) < 5 {
			return nil, 0, false, errPacked
		}
		u := binary.LittleEndian.Uint32(b[1:])
		if uint64(u) > uint64(len(b)) {
			return nil, 0, false, errPacked
		}
		n, hdr = int(u), 5
	case x >= 0xf1 && x <= 0xf4:
		width := [...]int{2, 3, 4, 8}[x-0xf1]
		if len(b) < 1+width {
			return nil, 0, false, errPacked
		}
		var u uint64
		for i := width; i >= 1; i-- {
			u = u<<8 | uint64(b[i])
		}
		shift := uint(64 - 8*width)
		v, hdr, isInt = int64(u<<shift)>>shift, 1+width, true
	default:
		return nil, 0, false, errPacked
	}
	size := hdr
	if !isInt {
		if hdr+n > len(b) {
			return nil, 0, false, errPacked
		}
		s = b[hdr : hdr+n : hdr+n]
		size += n
	}
	size += backlenSize(size)
	if size > len(b) {
		return nil, 0, false, errPacked
	}
	c.p += size
	c.n++
	return s, v, isInt, nil
}

// int reads an element that must be an integer (or a string holding a
// canonical one, which Redis's lpGetInteger accepts too).
func (c *lpCursor) int() (int64, error) {
	s, v, isInt, err := c.next()
	if err != nil || isInt {
		return v, err
	}
	if v, ok := canonicalInt(s); ok {
		return v, nil
	}
	return 0, errPacked
}

// str reads an element as a string, formatting an integer in decimal.
func (c *lpCursor) str() ([]byte, error) {
	s, v, isInt, err := c.next()
	if err != nil || !isInt {
		return s, err
	}
	start := len(c.arena)
	c.arena = strconv.AppendInt(c.arena, v, 10)
	return c.arena[start:len(c.arena):len(c.arena)], nil
}

// appendLPInt appends integer v as a listpack element.
func appendLPInt(dst []byte, v int64) []byte {
	var tmp [20]byte
	return appendListpackEntry(dst, strconv.AppendInt(tmp[:0], v, 10))
}
