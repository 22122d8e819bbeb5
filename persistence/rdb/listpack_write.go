package rdb

import (
	"encoding/binary"
	"strconv"
)

// appendListpack encodes elems as a listpack, choosing each entry's
// encoding as Redis's lpEncodeGetType does: canonical integers in the
// smallest integer form, everything else as a string.
func appendListpack(dst []byte, elems [][]byte) []byte {
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0, 0, 0)
	for _, e := range elems {
		dst = appendListpackEntry(dst, e)
	}
	dst = append(dst, 0xff)
	binary.LittleEndian.PutUint32(dst[start:], uint32(len(dst)-start))
	n := len(elems)
	if n > 0xfffe {
		n = 0xffff // unknown count, as Redis writes for long listpacks
	}
	binary.LittleEndian.PutUint16(dst[start+4:], uint16(n))
	return dst
}

func appendListpackEntry(dst []byte, e []byte) []byte {
	start := len(dst)
	if v, ok := canonicalInt(e); ok {
		switch {
		case v >= 0 && v <= 127:
			dst = append(dst, byte(v))
		case v >= -4096 && v <= 4095:
			u := uint64(v) & 0x1fff
			dst = append(dst, 0xc0|byte(u>>8), byte(u))
		case v >= -1<<15 && v < 1<<15:
			dst = append(dst, 0xf1, byte(v), byte(v>>8))
		case v >= -1<<23 && v < 1<<23:
			dst = append(dst, 0xf2, byte(v), byte(v>>8), byte(v>>16))
		case v >= -1<<31 && v < 1<<31:
			dst = append(dst, 0xf3)
			dst = binary.LittleEndian.AppendUint32(dst, uint32(v))
		default:
			dst = append(dst, 0xf4)
			dst = binary.LittleEndian.AppendUint64(dst, uint64(v))
		}
	} else {
		switch n := len(e); {
		case n < 64:
			dst = append(dst, 0x80|byte(n))
		case n < 4096:
			dst = append(dst, 0xe0|byte(n>>8), byte(n))
		default:
			dst = append(dst, 0xf0)
			dst = binary.LittleEndian.AppendUint32(dst, uint32(n))
		}
		dst = append(dst, e...)
	}
	return appendBacklen(dst, len(dst)-start)
}

// appendBacklen appends an entry's length for backward traversal: 7 bits
// per byte, most significant group first, every byte but the first
// flagged with the high bit.
func appendBacklen(dst []byte, n int) []byte {
	size := backlenSize(n)
	for i := size - 1; i >= 0; i-- {
		b := byte(n>>(7*i)) & 0x7f
		if i < size-1 {
			b |= 0x80
		}
		dst = append(dst, b)
	}
	return dst
}

// canonicalInt parses b when it is an integer Redis would store as one:
// no sign on zero, no leading zeros or spaces, within int64.
func canonicalInt(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	if b[0] == '0' && len(b) > 1 || b[0] == '-' && (len(b) == 1 || b[1] == '0') || b[0] == '+' {
		return 0, false
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	return v, err == nil
}
