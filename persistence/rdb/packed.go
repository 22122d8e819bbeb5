package rdb

import (
	"encoding/binary"
	"errors"
	"strconv"
)

// Parsers for the packed blobs Redis stores whole in RDB values: listpack
// (Redis 7), ziplist (before 7), intset and zipmap (before 2.6). Each
// returns the elements as byte strings, integers formatted in decimal, and
// rejects malformed input instead of reading past it.

var errPacked = errors.New("rdb: corrupt packed encoding")

// parseListpack returns a listpack's elements.
func parseListpack(b []byte) ([][]byte, error) {
	if len(b) < 7 || int(binary.LittleEndian.Uint32(b)) != len(b) || b[len(b)-1] != 0xff {
		return nil, errPacked
	}
	count := int(binary.LittleEndian.Uint16(b[4:]))
	var out [][]byte
	if count != 0xffff {
		out = make([][]byte, 0, count)
	}
	p := 6
	for b[p] != 0xff {
		elem, size, err := listpackEntry(b[p : len(b)-1])
		if err != nil {
			return nil, err
		}
		out = append(out, elem)
		p += size
	}
	if count != 0xffff && len(out) != count {
		return nil, errPacked
	}
	return out, nil
}

// backlenSize is the size of the back length that follows an entry of n
// encoding and data bytes.
func backlenSize(n int) int {
	switch {
	case n <= 127:
		return 1
	case n < 16383:
		return 2
	case n < 2097151:
		return 3
	case n < 268435455:
		return 4
	}
	return 5
}

// listpackEntry decodes the entry at the start of b and returns its value
// and its full size (encoding, data and back length).
func listpackEntry(b []byte) ([]byte, int, error) {
	if len(b) == 0 {
		return nil, 0, errPacked
	}
	c := b[0]
	var n, hdr int
	var ival int64
	isInt := true
	switch {
	case c&0x80 == 0: // 7-bit unsigned integer
		ival, hdr = int64(c&0x7f), 1
	case c&0xc0 == 0x80: // string up to 63 bytes
		n, hdr, isInt = int(c&0x3f), 1, false
	case c&0xe0 == 0xc0: // 13-bit signed integer
		if len(b) < 2 {
			return nil, 0, errPacked
		}
		v := int64(c&0x1f)<<8 | int64(b[1])
		if v >= 1<<12 {
			v -= 1 << 13
		}
		ival, hdr = v, 2
	case c&0xf0 == 0xe0: // string up to 4095 bytes
		if len(b) < 2 {
			return nil, 0, errPacked
		}
		n, hdr, isInt = int(c&0x0f)<<8|int(b[1]), 2, false
	case c == 0xf0: // string with a 32-bit length
		if len(b) < 5 {
			return nil, 0, errPacked
		}
		n, hdr, isInt = int(binary.LittleEndian.Uint32(b[1:])), 5, false
	case c >= 0xf1 && c <= 0xf4: // 16, 24, 32 and 64-bit integers
		width := [...]int{2, 3, 4, 8}[c-0xf1]
		if len(b) < 1+width {
			return nil, 0, errPacked
		}
		var u uint64
		for i := width; i >= 1; i-- {
			u = u<<8 | uint64(b[i])
		}
		shift := uint(64 - 8*width)
		ival, hdr = int64(u<<shift)>>shift, 1+width
	default:
		return nil, 0, errPacked
	}
	var elem []byte
	size := hdr
	if isInt {
		elem = strconv.AppendInt(nil, ival, 10)
	} else {
		if n < 0 || hdr+n > len(b) {
			return nil, 0, errPacked
		}
		elem = append([]byte(nil), b[hdr:hdr+n]...)
		size += n
	}
	size += backlenSize(size)
	if size > len(b) {
		return nil, 0, errPacked
	}
	return elem, size, nil
}

// parseZiplist returns a ziplist's elements.
func parseZiplist(b []byte) ([][]byte, error) {
	if len(b) < 11 || int(binary.LittleEndian.Uint32(b)) != len(b) || b[len(b)-1] != 0xff {
		return nil, errPacked
	}
	var out [][]byte
	p := 10
	for p < len(b) && b[p] != 0xff {
		// The previous entry's length: one byte, or 0xfe and four.
		if b[p] == 0xfe {
			p += 5
		} else {
			p++
		}
		if p >= len(b)-1 {
			return nil, errPacked
		}
		c := b[p]
		var elem []byte
		switch {
		case c>>6 == 0:
			n := int(c & 0x3f)
			p++
			if p+n > len(b)-1 {
				return nil, errPacked
			}
			elem = append([]byte(nil), b[p:p+n]...)
			p += n
		case c>>6 == 1:
			if p+2 > len(b)-1 {
				return nil, errPacked
			}
			n := int(c&0x3f)<<8 | int(b[p+1])
			p += 2
			if p+n > len(b)-1 {
				return nil, errPacked
			}
			elem = append([]byte(nil), b[p:p+n]...)
			p += n
		case c>>6 == 2:
			if p+5 > len(b)-1 {
				return nil, errPacked
			}
			n := int(binary.BigEndian.Uint32(b[p+1:]))
			p += 5
			if n < 0 || p+n > len(b)-1 {
				return nil, errPacked
			}
			elem = append([]byte(nil), b[p:p+n]...)
			p += n
		default:
			var v int64
			var w int
			switch c {
			case 0xc0:
				w = 2
			case 0xd0:
				w = 4
			case 0xe0:
				w = 8
			case 0xf0:
				w = 3
			case 0xfe:
				w = 1
			default:
				if c < 0xf1 || c > 0xfd {
					return nil, errPacked
				}
				v = int64(c&0x0f) - 1
			}
			p++
			if w > 0 {
				if p+w > len(b)-1 {
					return nil, errPacked
				}
				var u uint64
				for i := w - 1; i >= 0; i-- {
					u = u<<8 | uint64(b[p+i])
				}
				shift := uint(64 - 8*w)
				v = int64(u<<shift) >> shift
				p += w
			}
			elem = strconv.AppendInt(nil, v, 10)
		}
		out = append(out, elem)
	}
	if p != len(b)-1 {
		return nil, errPacked
	}
	return out, nil
}

// parseIntset returns an intset's members in order.
func parseIntset(b []byte) ([][]byte, error) {
	if len(b) < 8 {
		return nil, errPacked
	}
	width := int(binary.LittleEndian.Uint32(b))
	n := int(binary.LittleEndian.Uint32(b[4:]))
	if (width != 2 && width != 4 && width != 8) || n < 0 || 8+n*width != len(b) {
		return nil, errPacked
	}
	out := make([][]byte, n)
	for i := range out {
		p := b[8+i*width:]
		var v int64
		switch width {
		case 2:
			v = int64(int16(binary.LittleEndian.Uint16(p)))
		case 4:
			v = int64(int32(binary.LittleEndian.Uint32(p)))
		default:
			v = int64(binary.LittleEndian.Uint64(p))
		}
		out[i] = strconv.AppendInt(nil, v, 10)
	}
	return out, nil
}

// parseZipmap returns a zipmap's fields and values, alternating.
func parseZipmap(b []byte) ([][]byte, error) {
	if len(b) < 2 {
		return nil, errPacked
	}
	var out [][]byte
	p := 1
	readLen := func() (int, bool) {
		if p >= len(b) {
			return 0, false
		}
		if b[p] < 254 {
			p++
			return int(b[p-1]), true
		}
		if b[p] == 254 && p+5 <= len(b) {
			n := int(binary.LittleEndian.Uint32(b[p+1:]))
			p += 5
			return n, true
		}
		return 0, false
	}
	for p < len(b) && b[p] != 0xff {
		klen, ok := readLen()
		if !ok || klen < 0 || p+klen > len(b) {
			return nil, errPacked
		}
		key := append([]byte(nil), b[p:p+klen]...)
		p += klen
		vlen, ok := readLen()
		if !ok || vlen < 0 || p >= len(b) {
			return nil, errPacked
		}
		free := int(b[p])
		p++
		if p+vlen+free > len(b) {
			return nil, errPacked
		}
		out = append(out, key, append([]byte(nil), b[p:p+vlen]...))
		p += vlen + free
	}
	if p != len(b)-1 {
		return nil, errPacked
	}
	return out, nil
}
