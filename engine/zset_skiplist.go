package engine

import (
	"bytes"
	"hash/maphash"
	"math/rand/v2"
)

// The "skiplist" encoding of a big sorted set: Redis's skiplist with spans
// (O(log n) rank operations) beside a member index, laid out so the garbage
// collector scans nothing per element. Nodes live in one slice and link by
// int32 index (0 is the header), their levels in another, and the members'
// bytes in one arena; the member index is an open-addressing table of node
// indexes. Deleted nodes go to a free list per height; the arena is
// compacted once more than half of it is dead.

const (
	zslMaxLevel  = 32         // ZSKIPLIST_MAXLEVEL
	zslThreshold = 0xFFFF / 4 // ZSKIPLIST_P = 0.25 of 0xFFFF
)

// zslNode is one element: its score, its member's place in the arena, the
// previous node on level 0 and where its levels start in zskiplist.lv.
type zslNode struct {
	score  float64
	mOff   uint32
	mLen   uint32
	back   int32
	lvOff  int32
	height int32
}

// zslLevel is one level of a node: the next node on that level and the
// number of level-0 steps to it.
type zslLevel struct {
	next int32
	span int32
}

type zskiplist struct {
	nodes   []zslNode
	lv      []zslLevel
	free    [zslMaxLevel + 1][]int32
	tail    int32
	level   int32
	length  int32
	arena   []byte
	dead    int     // arena bytes of deleted members
	idx     []int32 // member index: node indexes, 0 for an empty slot
	idxMask uint32
}

var zslSeed = maphash.MakeSeed()

func newSkiplist(hint int) *zskiplist {
	zs := &zskiplist{level: 1}
	zs.nodes = make([]zslNode, 1, hint+1)
	zs.nodes[0] = zslNode{lvOff: 0, height: zslMaxLevel}
	zs.lv = make([]zslLevel, zslMaxLevel, zslMaxLevel+hint*4/3+1)
	size := 8
	for size < hint*2 {
		size <<= 1
	}
	zs.idx = make([]int32, size)
	zs.idxMask = uint32(size - 1)
	return zs
}

func (zs *zskiplist) levels(x int32) []zslLevel {
	n := &zs.nodes[x]
	return zs.lv[n.lvOff : n.lvOff+n.height]
}

func (zs *zskiplist) member(x int32) []byte {
	n := &zs.nodes[x]
	return zs.arena[n.mOff : n.mOff+n.mLen : n.mOff+n.mLen]
}

func zslRandomLevel() int32 {
	l := int32(1)
	for l < zslMaxLevel && rand.Uint32()&0xFFFF < zslThreshold {
		l++
	}
	return l
}

// less reports whether node x sorts before (score, m).
func (zs *zskiplist) less(x int32, score float64, m []byte) bool {
	n := &zs.nodes[x]
	return n.score < score || (n.score == score && bytes.Compare(zs.member(x), m) < 0)
}

func (zs *zskiplist) newNode(height int32, score float64, m []byte) int32 {
	var x int32
	if f := zs.free[height]; len(f) > 0 {
		x = f[len(f)-1]
		zs.free[height] = f[:len(f)-1]
	} else {
		x = int32(len(zs.nodes))
		zs.nodes = append(zs.nodes, zslNode{lvOff: int32(len(zs.lv)), height: height})
		zs.lv = append(zs.lv, make([]zslLevel, height)...)
	}
	n := &zs.nodes[x]
	n.score = score
	n.mOff, n.mLen = uint32(len(zs.arena)), uint32(len(m))
	zs.arena = append(zs.arena, m...)
	return x
}

// insert adds (score, m), which must not be present, and returns its node.
func (zs *zskiplist) insert(score float64, m []byte) int32 {
	var update [zslMaxLevel]int32
	var rank [zslMaxLevel]int32
	x := int32(0)
	for i := zs.level - 1; i >= 0; i-- {
		if i != zs.level-1 {
			rank[i] = rank[i+1]
		}
		for {
			l := zs.levels(x)[i]
			if l.next == 0 || !zs.less(l.next, score, m) {
				break
			}
			rank[i] += l.span
			x = l.next
		}
		update[i] = x
	}
	level := zslRandomLevel()
	if level > zs.level {
		for i := zs.level; i < level; i++ {
			rank[i] = 0
			update[i] = 0
			zs.lv[i].span = zs.length
		}
		zs.level = level
	}
	x = zs.newNode(level, score, m)
	xl := zs.levels(x)
	for i := int32(0); i < level; i++ {
		ul := &zs.levels(update[i])[i]
		xl[i].next = ul.next
		ul.next = x
		xl[i].span = ul.span - (rank[0] - rank[i])
		ul.span = rank[0] - rank[i] + 1
	}
	for i := level; i < zs.level; i++ {
		zs.levels(update[i])[i].span++
	}
	zs.nodes[x].back = update[0]
	if next := xl[0].next; next != 0 {
		zs.nodes[next].back = x
	} else {
		zs.tail = x
	}
	zs.length++
	zs.idxPut(x)
	return x
}

// unlink removes node x given the update path, as zslDeleteNode.
func (zs *zskiplist) unlink(x int32, update *[zslMaxLevel]int32) {
	xl := zs.levels(x)
	for i := int32(0); i < zs.level; i++ {
		ul := &zs.levels(update[i])[i]
		if ul.next == x {
			ul.span += xl[i].span - 1
			ul.next = xl[i].next
		} else {
			ul.span--
		}
	}
	if next := xl[0].next; next != 0 {
		zs.nodes[next].back = zs.nodes[x].back
	} else {
		zs.tail = zs.nodes[x].back
	}
	for zs.level > 1 && zs.lv[zs.level-1].next == 0 {
		zs.level--
	}
	zs.length--
}

// remove deletes node x.
func (zs *zskiplist) remove(x int32) {
	var update [zslMaxLevel]int32
	score, m := zs.nodes[x].score, zs.member(x)
	p := int32(0)
	for i := zs.level - 1; i >= 0; i-- {
		for {
			l := zs.levels(p)[i]
			if l.next == 0 || l.next == x || !zs.less(l.next, score, m) {
				break
			}
			p = l.next
		}
		update[i] = p
	}
	zs.unlink(x, &update)
	zs.idxDel(x)
	zs.freeNode(x)
}

func (zs *zskiplist) freeNode(x int32) {
	n := &zs.nodes[x]
	zs.dead += int(n.mLen)
	clear(zs.levels(x))
	zs.free[n.height] = append(zs.free[n.height], x)
	n.mLen = 0
	if zs.dead > 1024 && zs.dead > len(zs.arena)/2 {
		zs.compact()
	}
}

// compact rewrites the arena with the live members only.
func (zs *zskiplist) compact() {
	arena := make([]byte, 0, len(zs.arena)-zs.dead)
	for x := zs.lv[0].next; x != 0; x = zs.levels(x)[0].next {
		n := &zs.nodes[x]
		off := uint32(len(arena))
		arena = append(arena, zs.arena[n.mOff:n.mOff+n.mLen]...)
		n.mOff = off
	}
	zs.arena, zs.dead = arena, 0
}

// updateScore moves node x to a new score and returns its node, as
// zslUpdateScore: in place when the order is unchanged.
func (zs *zskiplist) updateScore(x int32, score float64) int32 {
	n := &zs.nodes[x]
	next := zs.levels(x)[0].next
	if (n.back == 0 || zs.nodes[n.back].score < score) && (next == 0 || zs.nodes[next].score > score) {
		n.score = score
		return x
	}
	m := append([]byte(nil), zs.member(x)...)
	zs.remove(x)
	return zs.insert(score, m)
}

// rankOf returns the 0-based rank of node x.
func (zs *zskiplist) rankOf(x int32) int {
	score, m := zs.nodes[x].score, zs.member(x)
	rank := int32(0)
	p := int32(0)
	for i := zs.level - 1; i >= 0; i-- {
		for {
			l := zs.levels(p)[i]
			if l.next == 0 || (l.next != x && !zs.less(l.next, score, m)) {
				break
			}
			rank += l.span
			p = l.next
			if p == x {
				return int(rank - 1)
			}
		}
	}
	return int(rank - 1)
}

// byRank returns the node of 0-based rank r (0 when out of range).
func (zs *zskiplist) byRank(r int) int32 {
	if r < 0 || r >= int(zs.length) {
		return 0
	}
	want := int32(r + 1)
	traversed := int32(0)
	x := int32(0)
	for i := zs.level - 1; i >= 0; i-- {
		for {
			l := zs.levels(x)[i]
			if l.next == 0 || traversed+l.span > want {
				break
			}
			traversed += l.span
			x = l.next
		}
		if traversed == want {
			return x
		}
	}
	return 0
}

// countWhile returns how many leading elements satisfy before, which must
// hold for a prefix of the order (a binary search over the levels).
func (zs *zskiplist) countWhile(before func(score float64, m []byte) bool) int {
	rank := int32(0)
	x := int32(0)
	for i := zs.level - 1; i >= 0; i-- {
		for {
			l := zs.levels(x)[i]
			if l.next == 0 || !before(zs.nodes[l.next].score, zs.member(l.next)) {
				break
			}
			rank += l.span
			x = l.next
		}
	}
	return int(rank)
}

func (zs *zskiplist) next(x int32) int32 { return zs.levels(x)[0].next }

// --- member index ---

func (zs *zskiplist) hashOf(m []byte) uint32 { return uint32(maphash.Bytes(zslSeed, m)) }

// find returns the node holding member m, or 0.
func (zs *zskiplist) find(m []byte) int32 {
	for i := zs.hashOf(m) & zs.idxMask; ; i = (i + 1) & zs.idxMask {
		x := zs.idx[i]
		if x == 0 {
			return 0
		}
		if bytes.Equal(zs.member(x), m) {
			return x
		}
	}
}

func (zs *zskiplist) idxPut(x int32) {
	if int(zs.length)*4 > len(zs.idx)*3 {
		zs.idxGrow()
	}
	i := zs.hashOf(zs.member(x)) & zs.idxMask
	for zs.idx[i] != 0 {
		i = (i + 1) & zs.idxMask
	}
	zs.idx[i] = x
}

func (zs *zskiplist) idxGrow() {
	old := zs.idx
	zs.idx = make([]int32, len(old)*2)
	zs.idxMask = uint32(len(zs.idx) - 1)
	for _, x := range old {
		if x != 0 {
			i := zs.hashOf(zs.member(x)) & zs.idxMask
			for zs.idx[i] != 0 {
				i = (i + 1) & zs.idxMask
			}
			zs.idx[i] = x
		}
	}
}

// idxDel removes node x from the index by backward-shift deletion.
func (zs *zskiplist) idxDel(x int32) {
	i := zs.hashOf(zs.member(x)) & zs.idxMask
	for zs.idx[i] != x {
		i = (i + 1) & zs.idxMask
	}
	for {
		zs.idx[i] = 0
		j := i
		for {
			j = (j + 1) & zs.idxMask
			y := zs.idx[j]
			if y == 0 {
				return
			}
			home := zs.hashOf(zs.member(y)) & zs.idxMask
			// y may move to i when its home is not in (i, j].
			if (j > i && (home <= i || home > j)) || (j < i && home <= i && home > j) {
				zs.idx[i] = y
				i = j
				break
			}
		}
	}
}

// clone returns a deep copy.
func (zs *zskiplist) clone() *zskiplist {
	c := newSkiplist(int(zs.length))
	for x := zs.lv[0].next; x != 0; x = zs.next(x) {
		c.insert(zs.nodes[x].score, zs.member(x))
	}
	return c
}

// memSize estimates the heap bytes held.
func (zs *zskiplist) memSize() int64 {
	return int64(cap(zs.nodes))*32 + int64(cap(zs.lv))*8 + int64(cap(zs.arena)) + int64(cap(zs.idx))*4 + 96
}
