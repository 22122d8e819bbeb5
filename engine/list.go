package engine

// The list value: a chain of packed nodes, as Redis's quicklist of
// listpacks. Each node is one pointer-free []byte holding its elements one
// after another; a small list is a single node, so it costs one small
// allocation besides the listObj itself. Nodes are filled up to
// list-max-listpack-size (negative: bytes per node, -1..-5 for 4K..64K;
// positive: elements per node, within a safety limit of 8 KB) and split in
// two when an insertion in the middle overfills them.
//
// An entry is laid out as
//
//	uvarint(len) | bytes | backlen
//
// where backlen is the size of the two parts before it, written as a
// varint read from its last byte backwards (high groups first, every byte
// but the first flagged 0x80), so that a node can be walked both ways.

// listObj is a Redis list.
type listObj struct {
	nodes []lnode
	n     int // elements in all nodes
}

// lnode is one packed node of a list.
type lnode struct {
	b []byte
	n int
}

// listSafetyLimit bounds a node filled by element count (Redis's
// SIZE_SAFETY_LIMIT), so that a positive list-max-listpack-size cannot
// make huge nodes.
const listSafetyLimit = 8192

// lnodeOverhead is what a node costs besides its buffer: the lnode in the
// nodes slice.
const lnodeOverhead = 32

func (l *listObj) typeName() string     { return "list" }
func (l *listObj) encodingName() string { return "quicklist" } // Redis 7.0 names every list so

// memSize walks the nodes rather than keeping a byte count, which would
// make every small list a size class bigger; nodes hold thousands of
// small elements, so the walk is short.
func (l *listObj) memSize() int64 {
	sz := 32 + int64(cap(l.nodes))*lnodeOverhead
	for i := range l.nodes {
		sz += int64(cap(l.nodes[i].b))
	}
	return sz
}

func (l *listObj) copyObject() object {
	cp := &listObj{nodes: make([]lnode, len(l.nodes)), n: l.n}
	for i, nd := range l.nodes {
		cp.nodes[i] = lnode{b: append([]byte(nil), nd.b...), n: nd.n}
	}
	return cp
}

// listVarintLen is the size of n as a uvarint.
func listVarintLen(n int) int {
	s := 1
	for n >= 0x80 {
		n >>= 7
		s++
	}
	return s
}

// listEntrySize is the packed size of an element of n bytes.
func listEntrySize(n int) int {
	h := listVarintLen(n) + n
	return h + listVarintLen(h)
}

// listAppendEntry packs v at the end of dst.
func listAppendEntry(dst, v []byte) []byte {
	n := len(v)
	for x := n; ; x >>= 7 {
		if x < 0x80 {
			dst = append(dst, byte(x))
			break
		}
		dst = append(dst, byte(x)|0x80)
	}
	dst = append(dst, v...)
	h := listVarintLen(n) + n
	// backlen: high groups first; all but the first byte carry 0x80.
	k := listVarintLen(h)
	for i := k - 1; i >= 0; i-- {
		g := byte(h>>(7*uint(i))) & 0x7f
		if i != k-1 {
			g |= 0x80
		}
		dst = append(dst, g)
	}
	return dst
}

// listEntryAt decodes the entry starting at off: its value and the offset of
// the next entry.
func listEntryAt(b []byte, off int) ([]byte, int) {
	n, shift, p := 0, uint(0), off
	for {
		c := b[p]
		p++
		n |= int(c&0x7f) << shift
		if c < 0x80 {
			break
		}
		shift += 7
	}
	v := b[p : p+n]
	p += n
	return v, p + listVarintLen(p-off)
}

// listEntryBefore returns the offset of the entry that ends at end.
func listEntryBefore(b []byte, end int) int {
	h, shift, p := 0, uint(0), end-1
	for {
		c := b[p]
		h |= int(c&0x7f) << shift
		p--
		if c < 0x80 {
			break
		}
		shift += 7
	}
	return p + 1 - h
}

// listFill is the node limit of list-max-listpack-size: bytes (n < 0) or
// elements (n > 0).
type listFill int64

// maxBytes is the node size limit.
func (f listFill) maxBytes() int {
	if f >= 0 {
		return listSafetyLimit
	}
	if f < -5 {
		f = -5
	}
	return 4096 << uint(-f-1)
}

// fits reports whether a node of n elements and size bytes may take one
// more entry of sz bytes.
func (f listFill) fits(nd *lnode, sz int) bool {
	if nd.n == 0 {
		return true
	}
	if f > 0 && nd.n+1 > int(f) {
		return false
	}
	return len(nd.b)+sz <= f.maxBytes()
}

// setBuf replaces node i's buffer.
func (l *listObj) setBuf(i int, b []byte) { l.nodes[i].b = b }

// reserve makes room for extra bytes of entries about to be pushed at one
// end, so that a push of several elements allocates once and no more than
// it needs.
func (l *listObj) reserve(extra int, tail bool, fill listFill) {
	if extra > fill.maxBytes() {
		return
	}
	if len(l.nodes) == 0 {
		l.nodes = []lnode{{b: allocPacked(extra)[:0]}}
		return
	}
	i := 0
	if tail {
		i = len(l.nodes) - 1
	}
	b := l.nodes[i].b
	if need := len(b) + extra; cap(b) < need && need <= fill.maxBytes() {
		l.nodes[i].b = append(allocPacked(need)[:0], b...)
	}
}

// push adds v at the head or the tail.
func (l *listObj) push(v []byte, tail bool, fill listFill) {
	sz := listEntrySize(len(v))
	l.n++
	if tail {
		if k := len(l.nodes); k > 0 && fill.fits(&l.nodes[k-1], sz) {
			nd := &l.nodes[k-1]
			l.setBuf(k-1, listAppendEntry(reservePacked(nd.b, sz), v))
			nd.n++
			return
		}
		l.nodes = append(l.nodes, lnode{})
		k := len(l.nodes) - 1
		l.setBuf(k, listAppendEntry(allocPacked(sz)[:0], v))
		l.nodes[k].n = 1
		return
	}
	if len(l.nodes) > 0 && fill.fits(&l.nodes[0], sz) {
		nd := &l.nodes[0]
		b := nd.b
		if cap(b) >= len(b)+sz {
			b = b[:len(b)+sz]
			copy(b[sz:], b[:len(b)-sz])
			listAppendEntry(b[:0], v)
			nd.b = b
		} else {
			nb := listAppendEntry(allocPacked(len(b) + sz)[:0], v)
			l.setBuf(0, append(nb, b...))
		}
		nd.n++
		return
	}
	l.nodes = append(l.nodes, lnode{})
	copy(l.nodes[1:], l.nodes)
	l.nodes[0] = lnode{}
	l.setBuf(0, listAppendEntry(allocPacked(sz)[:0], v))
	l.nodes[0].n = 1
}

// end returns the head or tail element, which stays valid until the list
// changes. The list must not be empty.
func (l *listObj) end(tail bool) []byte {
	if tail {
		nd := &l.nodes[len(l.nodes)-1]
		v, _ := listEntryAt(nd.b, listEntryBefore(nd.b, len(nd.b)))
		return v
	}
	v, _ := listEntryAt(l.nodes[0].b, 0)
	return v
}

// removeEnd drops the head or tail element.
func (l *listObj) removeEnd(tail bool) {
	if tail {
		k := len(l.nodes) - 1
		nd := &l.nodes[k]
		l.delBytes(k, listEntryBefore(nd.b, len(nd.b)), len(nd.b), 1)
		return
	}
	_, next := listEntryAt(l.nodes[0].b, 0)
	l.delBytes(0, 0, next, 1)
}

// popInto removes the head or tail element and appends it to dst.
func (l *listObj) popInto(dst []byte, tail bool) []byte {
	dst = append(dst, l.end(tail)...)
	l.removeEnd(tail)
	return dst
}

// delBytes removes the cnt entries in node i's bytes [from, to), dropping
// the node when it empties and giving back space when it shrinks a lot.
func (l *listObj) delBytes(i, from, to, cnt int) {
	nd := &l.nodes[i]
	l.n -= cnt
	nd.n -= cnt
	if nd.n == 0 {
		copy(l.nodes[i:], l.nodes[i+1:])
		l.nodes[len(l.nodes)-1] = lnode{}
		l.nodes = l.nodes[:len(l.nodes)-1]
		return
	}
	b := append(nd.b[:from], nd.b[to:]...)
	if cap(b) > 64 && len(b) < cap(b)/4 {
		b = append(allocPacked(len(b))[:0], b...)
	}
	l.setBuf(i, b)
}

// locate returns the node holding element i (0 <= i < n) and the element's
// byte offset in it.
func (l *listObj) locate(i int) (int, int) {
	ni := 0
	if i < l.n/2 {
		for i >= l.nodes[ni].n {
			i -= l.nodes[ni].n
			ni++
		}
	} else {
		ni = len(l.nodes) - 1
		j := l.n - 1 - i // index from the tail
		for j >= l.nodes[ni].n {
			j -= l.nodes[ni].n
			ni--
		}
		i = l.nodes[ni].n - 1 - j
	}
	nd := &l.nodes[ni]
	off := 0
	if i <= nd.n/2 {
		for ; i > 0; i-- {
			_, off = listEntryAt(nd.b, off)
		}
		return ni, off
	}
	off = len(nd.b)
	for k := nd.n - i; k > 0; k-- {
		off = listEntryBefore(nd.b, off)
	}
	return ni, off
}

// index returns element i (0 <= i < n).
func (l *listObj) index(i int) []byte {
	ni, off := l.locate(i)
	v, _ := listEntryAt(l.nodes[ni].b, off)
	return v
}

// replaceAt replaces node ni's bytes [from, to) with the entries packed in
// repl, adding dn elements, and splits the node if it is now too big.
func (l *listObj) replaceAt(ni, from, to int, repl []byte, dn int, fill listFill) {
	nd := &l.nodes[ni]
	old := nd.b
	nb := allocPacked(len(old) - (to - from) + len(repl))[:0]
	nb = append(nb, old[:from]...)
	nb = append(nb, repl...)
	nb = append(nb, old[to:]...)
	l.setBuf(ni, nb)
	nd.n += dn
	l.n += dn
	if nd.n > 1 && (len(nb) > fill.maxBytes() || (fill > 0 && nd.n > int(fill))) {
		l.split(ni)
	}
}

// split cuts node ni in two halves by element count.
func (l *listObj) split(ni int) {
	nd := l.nodes[ni]
	half, off := nd.n/2, 0
	for k := 0; k < half; k++ {
		_, off = listEntryAt(nd.b, off)
	}
	a := append([]byte(nil), nd.b[:off]...)
	b := append([]byte(nil), nd.b[off:]...)
	l.nodes = append(l.nodes, lnode{})
	copy(l.nodes[ni+2:], l.nodes[ni+1:])
	l.nodes[ni] = lnode{b: a, n: half}
	l.nodes[ni+1] = lnode{b: b, n: nd.n - half}
}

// set replaces element i (0 <= i < n) with v.
func (l *listObj) set(i int, v []byte, fill listFill) {
	ni, off := l.locate(i)
	_, next := listEntryAt(l.nodes[ni].b, off)
	l.replaceAt(ni, off, next, listAppendEntry(nil, v), 0, fill)
}

// insert puts v before or after the first element equal to pivot; it
// reports whether pivot was found.
func (l *listObj) insert(pivot, v []byte, after bool, fill listFill) bool {
	for ni := range l.nodes {
		b := l.nodes[ni].b
		for off := 0; off < len(b); {
			e, next := listEntryAt(b, off)
			if string(e) == string(pivot) {
				at := off
				if after {
					at = next
				}
				l.replaceAt(ni, at, at, listAppendEntry(nil, v), 1, fill)
				return true
			}
			off = next
		}
	}
	return false
}

// deleteRange removes cnt elements from element start on.
func (l *listObj) deleteRange(start, cnt int) {
	if start == 0 && cnt == l.n {
		l.nodes, l.n = nil, 0
		return
	}
	for cnt > 0 {
		ni, off := l.locate(start)
		nd := &l.nodes[ni]
		end, k := off, 0
		for ; k < cnt && end < len(nd.b); k++ {
			_, end = listEntryAt(nd.b, end)
		}
		l.delBytes(ni, off, end, k)
		cnt -= k
	}
}

// removeMatches removes elements equal to v: the first count of them from
// the head (count > 0), the last -count from the tail (count < 0), or all
// (count == 0). It returns how many it removed.
func (l *listObj) removeMatches(v []byte, count int) int {
	skip := 0 // matches kept before removing starts (count < 0)
	limit := count
	if count < 0 {
		total := 0
		l.each(func(e []byte) bool {
			if string(e) == string(v) {
				total++
			}
			return true
		})
		skip = max(total+count, 0)
		limit = 0
	}
	removed, seen := 0, 0
	for ni := 0; ni < len(l.nodes); {
		nd := &l.nodes[ni]
		var nb []byte
		kept := 0
		changed := false
		for off := 0; off < len(nd.b); {
			e, next := listEntryAt(nd.b, off)
			drop := false
			if string(e) == string(v) && (limit <= 0 || removed < limit) {
				seen++
				drop = seen > skip
			}
			if drop {
				if !changed {
					nb = append(make([]byte, 0, len(nd.b)), nd.b[:off]...)
					changed = true
				}
				removed++
			} else {
				kept++
				if changed {
					nb = append(nb, nd.b[off:next]...)
				}
			}
			off = next
		}
		if !changed {
			ni++
			continue
		}
		l.n -= nd.n - kept
		if kept == 0 {
			l.nodes = append(l.nodes[:ni], l.nodes[ni+1:]...)
			continue
		}
		l.setBuf(ni, nb)
		nd.n = kept
		ni++
	}
	return removed
}

// each calls fn on the elements from the head until it returns false.
func (l *listObj) each(fn func(v []byte) bool) {
	for _, nd := range l.nodes {
		for off := 0; off < len(nd.b); {
			e, next := listEntryAt(nd.b, off)
			if !fn(e) {
				return
			}
			off = next
		}
	}
}

// eachReverse calls fn on the elements from the tail until it returns
// false.
func (l *listObj) eachReverse(fn func(v []byte) bool) {
	for ni := len(l.nodes) - 1; ni >= 0; ni-- {
		b := l.nodes[ni].b
		for end := len(b); end > 0; {
			off := listEntryBefore(b, end)
			e, _ := listEntryAt(b, off)
			if !fn(e) {
				return
			}
			end = off
		}
	}
}

// eachFrom calls fn on cnt elements from element start on.
func (l *listObj) eachFrom(start, cnt int, fn func(v []byte)) {
	if cnt <= 0 {
		return
	}
	ni, off := l.locate(start)
	for ; ni < len(l.nodes); ni, off = ni+1, 0 {
		b := l.nodes[ni].b
		for off < len(b) {
			e, next := listEntryAt(b, off)
			fn(e)
			if cnt--; cnt == 0 {
				return
			}
			off = next
		}
	}
}
