package engine

import (
	"bytes"
	"encoding/binary"
)

// The listpack encoding of small hashes: one pointer-free []byte, a header
// byte then the entries in order,
//
//	uvarint(len(field)) field uvarint(len(value)) value [uvarint(expire)]
//
// where the expire time (unix ms, 0 for none) is present only once the
// header has lpEx set: Redis's "listpackex", which a hash becomes the first
// time a field gets a TTL and stays. As in Redis, listpackex entries are
// ordered by expire time, fields with a TTL first and the rest after, so
// the first entry is always the next to expire.

const lpEx byte = 1 // header flag: entries carry an expire time

// lpNew returns an empty listpack.
func lpNew() []byte { return allocPacked(1) }

func lpIsEx(lp []byte) bool { return lp[0]&lpEx != 0 }

// lpEntry decodes the entry at off and returns the offset after it.
func lpEntry(lp []byte, off int) (f, v []byte, exp int64, next int) {
	n, k := binary.Uvarint(lp[off:])
	off += k
	f = lp[off : off+int(n)]
	off += int(n)
	n, k = binary.Uvarint(lp[off:])
	off += k
	v = lp[off : off+int(n)]
	off += int(n)
	if lp[0]&lpEx != 0 {
		e, k := binary.Uvarint(lp[off:])
		off += k
		exp = int64(e)
	}
	return f, v, exp, off
}

// lpFind returns the bounds of field's entry, or found == false.
func lpFind(lp []byte, field []byte) (start, end int, v []byte, exp int64, found bool) {
	for off := 1; off < len(lp); {
		f, val, e, next := lpEntry(lp, off)
		if bytes.Equal(f, field) {
			return off, next, val, e, true
		}
		off = next
	}
	return 0, 0, nil, 0, false
}

// lpLen counts the entries.
func lpLen(lp []byte) int {
	n := 0
	for off := 1; off < len(lp); n++ {
		_, _, _, off = lpEntry(lp, off)
	}
	return n
}

func uvarintLen(x uint64) int {
	n := 1
	for x >= 0x80 {
		x >>= 7
		n++
	}
	return n
}

// lpEntrySize is the encoded size of an entry.
func lpEntrySize(ex bool, f, v []byte, exp int64) int {
	n := uvarintLen(uint64(len(f))) + len(f) + uvarintLen(uint64(len(v))) + len(v)
	if ex {
		n += uvarintLen(uint64(exp))
	}
	return n
}

// lpPut encodes an entry at dst[0:] (sized by lpEntrySize).
func lpPut(dst []byte, ex bool, f, v []byte, exp int64) {
	k := binary.PutUvarint(dst, uint64(len(f)))
	k += copy(dst[k:], f)
	k += binary.PutUvarint(dst[k:], uint64(len(v)))
	k += copy(dst[k:], v)
	if ex {
		binary.PutUvarint(dst[k:], uint64(exp))
	}
}

// lpResize replaces the bytes lp[start:end] with n bytes of room (left as
// they are) and returns the listpack. It reallocates to the size's malloc
// class (allocPacked) when the result does not fit or would waste more than
// half the capacity, so a small hash holds little slack.
func lpResize(lp []byte, start, end, n int) []byte {
	newLen := len(lp) - (end - start) + n
	if newLen > cap(lp) || newLen < cap(lp)/2 {
		nb := allocPacked(newLen)
		copy(nb, lp[:start])
		copy(nb[start+n:], lp[end:])
		return nb
	}
	tail := len(lp) - end
	if newLen > len(lp) {
		lp = lp[:newLen]
	}
	copy(lp[start+n:start+n+tail], lp[end:end+tail])
	return lp[:newLen]
}

// lpReplace replaces lp[start:end] with an encoded entry. f and v must not
// point into lp (moves copy the entry first).
func lpReplace(lp []byte, start, end int, f, v []byte, exp int64) []byte {
	ex := lpIsEx(lp)
	n := lpEntrySize(ex, f, v, exp)
	lp = lpResize(lp, start, end, n)
	lpPut(lp[start:start+n], ex, f, v, exp)
	return lp
}

// lpExInsertPos is where an entry expiring at exp goes in a listpackex:
// before the first entry without TTL or expiring at or after exp (Redis's
// listpackExAddNew); exp == 0 goes at the end.
func lpExInsertPos(lp []byte, exp int64) int {
	if exp == 0 {
		return len(lp)
	}
	for off := 1; off < len(lp); {
		_, _, e, next := lpEntry(lp, off)
		if e == 0 || e >= exp {
			return off
		}
		off = next
	}
	return len(lp)
}

// lpToEx converts a plain listpack to listpackex (every field without TTL).
func lpToEx(lp []byte) []byte {
	if lpIsEx(lp) {
		return lp
	}
	n := len(lp) + lpLen(lp) // one byte per entry: uvarint(0)
	nb := allocPacked(n)[:1]
	nb[0] = lp[0] | lpEx
	for off := 1; off < len(lp); {
		_, _, _, next := lpEntry(lp, off)
		nb = append(nb, lp[off:next]...)
		nb = append(nb, 0)
		off = next
	}
	return nb
}
