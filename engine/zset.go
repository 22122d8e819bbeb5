package engine

import (
	"bytes"
	"encoding/binary"
	"math"
)

// zset is a Redis sorted set. Small ones are "listpack" encoded: one
// pointer-free []byte of entries sorted by score, then member bytes. Past
// zset-max-listpack-entries entries, or when a member longer than
// zset-max-listpack-value is added, it becomes a "skiplist" (zskiplist,
// zset_skiplist.go). As in Redis 7.0 the conversion is one-way, except for
// the results of the *STORE commands, which are built compact when they fit.
//
// A listpack entry is: uvarint(len(member)<<1 | intScore), the member, then
// the score: a zigzag varint when it is an integer of at most 53 bits
// (intScore), else the 8 bytes of the float64, little endian. Like Redis's
// listpack, which keeps integral scores as integers, it stores -0 as 0.
//
// The struct is two words and a pointer (32 bytes, a size class of its
// own): a listpack's entry count is not kept but counted, which costs
// little at listpack sizes and keeps every small sorted set 16 bytes
// smaller.
type zset struct {
	lp []byte     // listpack entries while sl is nil
	sl *zskiplist // the skiplist form, nil while listpack
}

// ZADD flags, as Redis's ZADD_IN_* (input) and ZADD_OUT_* (output).
const (
	zaddIncr = 1 << iota
	zaddNX
	zaddXX
	zaddGT
	zaddLT

	zaddOutNop = 1 << iota
	zaddOutNaN
	zaddOutAdded
	zaddOutUpdated
)

func newZset() *zset { return &zset{} }

func (z *zset) typeName() string { return "zset" }

func (z *zset) encodingName() string {
	if z.sl == nil {
		return "listpack"
	}
	return "skiplist"
}

func (z *zset) copyObject() object {
	if z.sl == nil {
		lp := allocPacked(len(z.lp))
		copy(lp, z.lp)
		return &zset{lp: lp}
	}
	return &zset{sl: z.sl.clone()}
}

func (z *zset) memSize() int64 {
	if z.sl == nil {
		return 32 + int64(cap(z.lp))
	}
	return 32 + z.sl.memSize()
}

// card is the number of members.
func (z *zset) card() int {
	if z.sl == nil {
		return zlpCount(z.lp)
	}
	return int(z.sl.length)
}

// zlpCount counts a listpack's entries.
func zlpCount(lp []byte) int {
	n := 0
	for off := 0; off < len(lp); n++ {
		_, _, off = zlpEntry(lp, off)
	}
	return n
}

// --- listpack entries ---

// zlpEntry decodes the entry at off: member (pointing into lp), score, and
// the offset of the next entry.
func zlpEntry(lp []byte, off int) (m []byte, score float64, next int) {
	h, w := binary.Uvarint(lp[off:])
	off += w
	l := int(h >> 1)
	m = lp[off : off+l : off+l]
	off += l
	if h&1 != 0 {
		v, w := binary.Varint(lp[off:])
		return m, float64(v), off + w
	}
	return m, math.Float64frombits(binary.LittleEndian.Uint64(lp[off:])), off + 8
}

// zlpIntScore reports whether score is stored as an integer.
func zlpIntScore(score float64) (int64, bool) {
	if score == math.Trunc(score) && score >= -(1<<53) && score <= 1<<53 {
		return int64(score), true
	}
	return 0, false
}

// zlpEntrySize is the encoded size of an entry.
func zlpEntrySize(m []byte, score float64) int {
	var tmp [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(tmp[:], uint64(len(m))<<1|1) + len(m)
	if v, ok := zlpIntScore(score); ok {
		return n + binary.PutVarint(tmp[:], v)
	}
	return n + 8
}

// zlpPut encodes an entry at dst, which has room for it.
func zlpPut(dst []byte, m []byte, score float64) {
	v, isInt := zlpIntScore(score)
	h := uint64(len(m)) << 1
	if isInt {
		h |= 1
	}
	off := binary.PutUvarint(dst, h)
	off += copy(dst[off:], m)
	if isInt {
		binary.PutVarint(dst[off:], v)
	} else {
		binary.LittleEndian.PutUint64(dst[off:], math.Float64bits(score))
	}
}

// lpAppend appends an entry (for building a listpack in order).
func (z *zset) lpAppend(m []byte, score float64) {
	size := zlpEntrySize(m, score)
	off := len(z.lp)
	z.lp = growPacked(z.lp, size)
	zlpPut(z.lp[off:], m, score)
}

// lpFind returns the offset, index and score of member m, or off -1.
func (z *zset) lpFind(m []byte) (off, i int, score float64) {
	for off = 0; off < len(z.lp); i++ {
		em, s, next := zlpEntry(z.lp, off)
		if bytes.Equal(em, m) {
			return off, i, s
		}
		off = next
	}
	return -1, -1, 0
}

// lpInsert inserts (m, score), which is not present, in order.
func (z *zset) lpInsert(m []byte, score float64) {
	off := 0
	for off < len(z.lp) {
		em, s, next := zlpEntry(z.lp, off)
		if s > score || (s == score && bytes.Compare(em, m) > 0) {
			break
		}
		off = next
	}
	size := zlpEntrySize(m, score)
	z.lp = growPacked(z.lp, size)
	copy(z.lp[off+size:], z.lp[off:len(z.lp)-size])
	zlpPut(z.lp[off:], m, score)
}

// lpDelete removes the entries in [off, end).
func (z *zset) lpDelete(off, end int) {
	z.lp = shrinkPacked(append(z.lp[:off], z.lp[end:]...))
}

// lpOffset returns the offset of the entry of index i.
func (z *zset) lpOffset(i int) int {
	off := 0
	for ; i > 0; i-- {
		_, _, off = zlpEntry(z.lp, off)
	}
	return off
}

// --- both encodings ---

// score returns the score of member m.
func (z *zset) score(m []byte) (float64, bool) {
	if z.sl == nil {
		off, _, s := z.lpFind(m)
		return s, off >= 0
	}
	if x := z.sl.find(m); x != 0 {
		return z.sl.nodes[x].score, true
	}
	return 0, false
}

// convert turns a listpack into a skiplist.
func (z *zset) convert() {
	if z.sl != nil {
		return
	}
	sl := newSkiplist(zlpCount(z.lp))
	for off := 0; off < len(z.lp); {
		m, s, next := zlpEntry(z.lp, off)
		sl.insert(s, m)
		off = next
	}
	z.sl, z.lp = sl, nil
}

// add adds or updates member m as Redis's zsetAdd: flags are zadd* input
// flags; it returns zaddOut* flags and the member's new score. maxEntries
// and maxValue are zset-max-listpack-entries/-value; m is copied.
func (z *zset) add(m []byte, score float64, flags int, maxEntries, maxValue int64) (int, float64) {
	incr, nx, xx := flags&zaddIncr != 0, flags&zaddNX != 0, flags&zaddXX != 0
	gt, lt := flags&zaddGT != 0, flags&zaddLT != 0
	if math.IsNaN(score) {
		return zaddOutNaN, 0
	}
	cur, exists := z.score(m)
	if exists {
		if nx {
			return zaddOutNop, cur
		}
		if incr {
			score += cur
			if math.IsNaN(score) {
				return zaddOutNaN, 0
			}
		}
		if (lt && score >= cur) || (gt && score <= cur) {
			return zaddOutNop, cur
		}
		if score == cur {
			return 0, score
		}
		if z.sl == nil {
			off, _, _ := z.lpFind(m)
			_, _, end := zlpEntry(z.lp, off)
			// m may point into lp: reinsert a copy.
			mm := append(make([]byte, 0, len(m)), m...)
			z.lpDelete(off, end)
			z.lpInsert(mm, score)
		} else {
			z.sl.updateScore(z.sl.find(m), score)
		}
		return zaddOutUpdated, score
	}
	if xx {
		return zaddOutNop, 0
	}
	if z.sl == nil && (int64(len(m)) > maxValue || int64(zlpCount(z.lp))+1 > maxEntries) {
		z.convert()
	}
	if z.sl == nil {
		z.lpInsert(m, score)
	} else {
		z.sl.insert(score, m)
	}
	return zaddOutAdded, score
}

// remove deletes member m and reports whether it was there.
func (z *zset) remove(m []byte) bool {
	if z.sl == nil {
		off, _, _ := z.lpFind(m)
		if off < 0 {
			return false
		}
		_, _, end := zlpEntry(z.lp, off)
		z.lpDelete(off, end)
		return true
	}
	x := z.sl.find(m)
	if x == 0 {
		return false
	}
	z.sl.remove(x)
	return true
}

// rank returns member m's 0-based rank (ascending) and score.
func (z *zset) rank(m []byte) (int, float64, bool) {
	if z.sl == nil {
		off, i, s := z.lpFind(m)
		return i, s, off >= 0
	}
	x := z.sl.find(m)
	if x == 0 {
		return 0, 0, false
	}
	return z.sl.rankOf(x), z.sl.nodes[x].score, true
}

// each calls fn for the members from rank start (0-based) on, in
// ascending order, or from rank start down to 0 when rev, until fn returns
// false.
func (z *zset) each(start int, rev bool, fn func(m []byte, score float64) bool) {
	if start < 0 || start >= z.card() {
		return
	}
	if z.sl != nil {
		for x := z.sl.byRank(start); x != 0; {
			if !fn(z.sl.member(x), z.sl.nodes[x].score) {
				return
			}
			if rev {
				x = z.sl.nodes[x].back
			} else {
				x = z.sl.next(x)
			}
		}
		return
	}
	if !rev {
		for off := z.lpOffset(start); off < len(z.lp); {
			m, s, next := zlpEntry(z.lp, off)
			if !fn(m, s) {
				return
			}
			off = next
		}
		return
	}
	var stack [128]int32
	offs := stack[:0]
	for off, i := 0, 0; i <= start; i++ {
		offs = append(offs, int32(off))
		_, _, off = zlpEntry(z.lp, off)
	}
	for i := len(offs) - 1; i >= 0; i-- {
		m, s, _ := zlpEntry(z.lp, int(offs[i]))
		if !fn(m, s) {
			return
		}
	}
}

// at returns the member and score of rank r (0-based, in range).
func (z *zset) at(r int) (m []byte, score float64) {
	z.each(r, false, func(em []byte, s float64) bool {
		m, score = em, s
		return false
	})
	return m, score
}

// countWhile returns the number of leading members (ascending) for which
// before holds: a linear scan on a listpack (Redis's zzlFirstIn*Range), a
// binary search on a skiplist, which assumes before holds for a prefix.
func (z *zset) countWhile(before func(score float64, m []byte) bool) int {
	if z.sl != nil {
		return z.sl.countWhile(before)
	}
	i := 0
	for off := 0; off < len(z.lp); i++ {
		m, s, next := zlpEntry(z.lp, off)
		if !before(s, m) {
			break
		}
		off = next
	}
	return i
}

// countUntil returns the number of trailing members (descending) for
// which after holds; the mirror of countWhile (zzlLastIn*Range).
func (z *zset) countUntil(after func(score float64, m []byte) bool) int {
	if z.sl != nil {
		return z.card() - z.sl.countWhile(func(s float64, m []byte) bool { return !after(s, m) })
	}
	n := 0
	z.each(z.card()-1, true, func(m []byte, s float64) bool {
		if !after(s, m) {
			return false
		}
		n++
		return true
	})
	return n
}

// deleteRange removes the members of ranks start..end (0-based, inclusive,
// in range) and returns how many.
func (z *zset) deleteRange(start, end int) int {
	n := end - start + 1
	if z.sl == nil {
		off := z.lpOffset(start)
		stop := off
		for i := 0; i < n; i++ {
			_, _, stop = zlpEntry(z.lp, stop)
		}
		z.lpDelete(off, stop)
		return n
	}
	for i := 0; i < n; i++ {
		z.sl.remove(z.sl.byRank(start))
	}
	return n
}

// shrinkIfFits converts a skiplist built by a *STORE command back to a
// listpack when it fits (Redis's zsetConvertToListpackIfNeeded).
func (z *zset) shrinkIfFits(maxEntries, maxValue int64) {
	if z.sl == nil || int64(z.sl.length) > maxEntries {
		return
	}
	var lp zset
	for x := z.sl.lv[0].next; x != 0; x = z.sl.next(x) {
		if int64(z.sl.nodes[x].mLen) > maxValue {
			return
		}
	}
	for x := z.sl.lv[0].next; x != 0; x = z.sl.next(x) {
		lp.lpAppend(z.sl.member(x), z.sl.nodes[x].score)
	}
	*z = lp
}
