package engine

import "encoding/binary"

// An intset is Redis's intset: a sorted array of distinct integers packed
// little-endian at one width (2, 4 or 8 bytes), the smallest that holds
// every member. Byte 0 is the width; the members follow. It holds no
// pointers, so the GC never scans it. Adding a member that needs a wider
// encoding upgrades the whole array (one-way, as in Redis).
type intset []byte

// newIntset returns an empty intset of the narrowest width.
func newIntset() intset { return intset{2} }

// intsetWidth is the width an integer needs.
func intsetWidth(v int64) byte {
	switch {
	case v >= -1<<15 && v < 1<<15:
		return 2
	case v >= -1<<31 && v < 1<<31:
		return 4
	}
	return 8
}

func (is intset) width() int { return int(is[0]) }

// len is the member count.
func (is intset) len() int { return (len(is) - 1) / int(is[0]) }

// at returns member i (0-based, ascending order).
func (is intset) at(i int) int64 {
	w := int(is[0])
	p := is[1+i*w:]
	switch w {
	case 2:
		return int64(int16(binary.LittleEndian.Uint16(p)))
	case 4:
		return int64(int32(binary.LittleEndian.Uint32(p)))
	}
	return int64(binary.LittleEndian.Uint64(p))
}

func (is intset) put(i int, v int64) {
	w := int(is[0])
	p := is[1+i*w:]
	switch w {
	case 2:
		binary.LittleEndian.PutUint16(p, uint16(v))
	case 4:
		binary.LittleEndian.PutUint32(p, uint32(v))
	default:
		binary.LittleEndian.PutUint64(p, uint64(v))
	}
}

// search returns the position of v, or where it would be inserted, and
// whether it is present.
func (is intset) search(v int64) (int, bool) {
	if intsetWidth(v) > is[0] {
		if v < 0 {
			return 0, false
		}
		return is.len(), false
	}
	lo, hi := 0, is.len()
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		x := is.at(m)
		switch {
		case x == v:
			return m, true
		case x < v:
			lo = m + 1
		default:
			hi = m
		}
	}
	return lo, false
}

func (is intset) contains(v int64) bool {
	_, ok := is.search(v)
	return ok
}

// add inserts v and returns the (possibly reallocated) intset and whether
// v was new.
func (is intset) add(v int64) (intset, bool) {
	if w := intsetWidth(v); w > is[0] {
		return is.upgradeAdd(v, w), true
	}
	pos, ok := is.search(v)
	if ok {
		return is, false
	}
	n := is.len()
	w := int(is[0])
	is = growPacked(is, w)
	copy(is[1+(pos+1)*w:], is[1+pos*w:1+n*w])
	is.put(pos, v)
	return is, true
}

// upgradeAdd re-encodes the members at width w and adds v, which is
// beyond every member (it needs the wider encoding): first when negative,
// last otherwise.
func (is intset) upgradeAdd(v int64, w byte) intset {
	n := is.len()
	out := intset(allocPacked(1 + (n+1)*int(w)))
	out[0] = w
	off := 0
	if v < 0 {
		off = 1
		out.put(0, v)
	} else {
		out.put(n, v)
	}
	for i := 0; i < n; i++ {
		out.put(i+off, is.at(i))
	}
	return out
}

// remove deletes v and returns the intset and whether v was present. The
// width never shrinks, as in Redis.
func (is intset) remove(v int64) (intset, bool) {
	pos, ok := is.search(v)
	if !ok {
		return is, false
	}
	w := int(is[0])
	copy(is[1+pos*w:], is[1+(pos+1)*w:])
	return shrinkPacked(is[:len(is)-w]), true
}
