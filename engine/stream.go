package engine

import (
	"encoding/binary"
	"math"
	"sort"
	"strconv"
)

// Streams (Redis's t_stream.c data structure). Entries live in nodes: each
// node is one pointer-free packed block of consecutive entries, keyed by the
// ID of the first entry added to it (the master ID), the way Redis keeps
// listpacks in a radix tree. Nodes are kept in a slice ordered by master
// ID, so an ID is found by binary search over nodes, then a short scan
// inside one. A node is closed, and a new one started, by Redis's rules
// (stream-node-max-bytes against Redis's own listpack size, and
// stream-node-max-entries counting deleted entries), so that approximate
// trimming removes the same entries as redis-server.
//
// A node's block holds the master fields (those of the node's first entry),
// then the entries, each:
//
//	flags byte | uvarint ms-delta | uvarint seq-delta (mod 2^64) |
//	[uvarint nfields | field]   (when not streamSameFields)
//	value...                    (each uvarint length + bytes; fields before
//	                             values, interleaved field, value)
//
// Consumer groups are in stream_group.go.

// streamID is a stream entry ID.
type streamID struct{ ms, seq uint64 }

var maxStreamID = streamID{math.MaxUint64, math.MaxUint64}

func (a streamID) cmp(b streamID) int {
	switch {
	case a.ms < b.ms:
		return -1
	case a.ms > b.ms:
		return 1
	case a.seq < b.seq:
		return -1
	case a.seq > b.seq:
		return 1
	}
	return 0
}

func (a streamID) isZero() bool { return a.ms == 0 && a.seq == 0 }

// incr returns the next ID; ok is false past the last possible one.
func (a streamID) incr() (streamID, bool) {
	if a.seq == math.MaxUint64 {
		if a.ms == math.MaxUint64 {
			return a, false
		}
		return streamID{a.ms + 1, 0}, true
	}
	return streamID{a.ms, a.seq + 1}, true
}

// decr returns the previous ID; ok is false before 0-0.
func (a streamID) decr() (streamID, bool) {
	if a.seq == 0 {
		if a.ms == 0 {
			return a, false
		}
		return streamID{a.ms - 1, math.MaxUint64}, true
	}
	return streamID{a.ms, a.seq - 1}, true
}

// appendStreamID appends "ms-seq".
func appendStreamID(dst []byte, id streamID) []byte {
	dst = strconv.AppendUint(dst, id.ms, 10)
	dst = append(dst, '-')
	return strconv.AppendUint(dst, id.seq, 10)
}

// Entry flags, Redis's STREAM_ITEM_FLAG_*.
const (
	streamDeleted    = 1
	streamSameFields = 2
)

// streamNode is one block of entries.
type streamNode struct {
	buf     []byte
	master  streamID
	last    streamID // the ID of the last entry added (deleted or not)
	live    int32    // entries not deleted
	deleted int32    // entries marked deleted
	nmaster int32    // master field count
	entries int32    // offset of the first entry in buf
	// lpBase is the size Redis's listpack for this node would have, less
	// the live and deleted counters (whose size varies with their values).
	lpBase int64
}

// lpBytes is the size of Redis's listpack for the node.
func (n *streamNode) lpBytes() int64 {
	return n.lpBase + lpIntSize(int64(n.live)) + lpIntSize(int64(n.deleted))
}

// stream is a stream value.
type stream struct {
	nodes        []streamNode
	length       int64
	lastID       streamID
	firstID      streamID // recorded-first-entry-id
	maxDeleted   streamID // max-deleted-entry-id
	entriesAdded int64
	groups       []*streamGroup // ordered by name
	mem          int64
}

func (s *stream) typeName() string     { return "stream" }
func (s *stream) encodingName() string { return "stream" }
func (s *stream) memSize() int64       { return s.mem + 128 }

func (s *stream) copyObject() object {
	cp := *s
	cp.nodes = make([]streamNode, len(s.nodes))
	for i, n := range s.nodes {
		n.buf = append([]byte(nil), n.buf...)
		cp.nodes[i] = n
	}
	cp.groups = make([]*streamGroup, len(s.groups))
	for i, g := range s.groups {
		cp.groups[i] = g.copyGroup()
	}
	return &cp
}

// lpIntSize is the bytes Redis's listpack spends on integer v (encoding
// and back length).
func lpIntSize(v int64) int64 {
	switch {
	case v >= 0 && v <= 127:
		return 2
	case v >= -4096 && v <= 4095:
		return 3
	case v >= math.MinInt16 && v <= math.MaxInt16:
		return 4
	case v >= -1<<23 && v <= 1<<23-1:
		return 5
	case v >= math.MinInt32 && v <= math.MaxInt32:
		return 6
	}
	return 10
}

// lpStrSize is the bytes Redis's listpack spends on string b, which it
// stores as an integer when b is one in canonical form.
func lpStrSize(b []byte) int64 {
	if len(b) <= 20 {
		if v, ok := parseInt64(b); ok {
			return lpIntSize(v)
		}
	}
	l := int64(len(b))
	var enc int64
	switch {
	case l < 64:
		enc = 1 + l
	case l < 4096:
		enc = 2 + l
	default:
		enc = 5 + l
	}
	switch {
	case enc <= 127:
		return enc + 1
	case enc < 16383:
		return enc + 2
	case enc < 2097151:
		return enc + 3
	case enc < 268435455:
		return enc + 4
	}
	return enc + 5
}

func appendLenBytes(dst, b []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(b)))
	return append(dst, b...)
}

// readLenBytes reads a length-prefixed string at p.
func readLenBytes(buf []byte, p int) ([]byte, int) {
	l, n := binary.Uvarint(buf[p:])
	p += n
	return buf[p : p+int(l)], p + int(l)
}

// streamEntry is a decoded entry: its ID, flags and where its fields are.
type streamEntry struct {
	id     streamID
	flags  byte
	off    int // offset of the entry's flags byte
	fields int // offset of its field data (after nfields when present)
	nf     int // field count
	end    int // offset past the entry
}

// decodeEntry decodes the entry at p in node n.
func (n *streamNode) decodeEntry(p int) streamEntry {
	e := streamEntry{off: p, flags: n.buf[p]}
	p++
	ms, k := binary.Uvarint(n.buf[p:])
	p += k
	seq, k := binary.Uvarint(n.buf[p:])
	p += k
	e.id = streamID{n.master.ms + ms, n.master.seq + seq}
	if e.flags&streamSameFields != 0 {
		e.nf = int(n.nmaster)
		e.fields = p
		for i := 0; i < e.nf; i++ {
			_, p = readLenBytes(n.buf, p)
		}
	} else {
		nf, k := binary.Uvarint(n.buf[p:])
		p += k
		e.nf = int(nf)
		e.fields = p
		for i := 0; i < 2*e.nf; i++ {
			_, p = readLenBytes(n.buf, p)
		}
	}
	e.end = p
	return e
}

// eachField calls fn for each field and value of entry e.
func (n *streamNode) eachField(e *streamEntry, fn func(f, v []byte)) {
	p := e.fields
	var f, v []byte
	if e.flags&streamSameFields != 0 {
		q := 0
		for i := 0; i < e.nf; i++ {
			f, q = readLenBytes(n.buf, q)
			v, p = readLenBytes(n.buf, p)
			fn(f, v)
		}
		return
	}
	for i := 0; i < e.nf; i++ {
		f, p = readLenBytes(n.buf, p)
		v, p = readLenBytes(n.buf, p)
		fn(f, v)
	}
}

// sameMaster reports whether fields (field, value pairs) has the node's
// master fields, in order.
func (n *streamNode) sameMaster(fv [][]byte) bool {
	if len(fv)/2 != int(n.nmaster) {
		return false
	}
	p := 0
	var f []byte
	for i := 0; i < len(fv); i += 2 {
		f, p = readLenBytes(n.buf, p)
		if string(f) != string(fv[i]) {
			return false
		}
	}
	return true
}

// streamNodeMax is Redis's STREAM_LISTPACK_MAX_SIZE.
const streamNodeMax = 1 << 30

// append adds an entry with id (greater than the last) and field, value
// pairs fv, starting a new node by Redis's rules.
func (s *stream) append(id streamID, fv [][]byte, maxBytes, maxEntries int64) {
	var elen int64
	for _, a := range fv {
		elen += int64(len(a))
	}
	if maxBytes <= 0 || maxBytes > streamNodeMax {
		maxBytes = streamNodeMax
	}
	var n *streamNode
	if k := len(s.nodes); k > 0 {
		n = &s.nodes[k-1]
		if n.lpBytes()+elen >= maxBytes ||
			(maxEntries > 0 && int64(n.live)+int64(n.deleted) >= maxEntries) {
			n = nil
		}
	}
	if n == nil {
		s.nodes = append(s.nodes, streamNode{master: id})
		n = &s.nodes[len(s.nodes)-1]
		n.nmaster = int32(len(fv) / 2)
		n.lpBase = 6 + 1 + lpIntSize(int64(n.nmaster)) + lpIntSize(0)
		for i := 0; i < len(fv); i += 2 {
			n.buf = appendLenBytes(n.buf, fv[i])
			n.lpBase += lpStrSize(fv[i])
		}
		n.entries = int32(len(n.buf))
	}
	before := int64(cap(n.buf))
	flags := byte(0)
	same := n.sameMaster(fv)
	if same {
		flags = streamSameFields
	}
	n.buf = append(n.buf, flags)
	n.buf = binary.AppendUvarint(n.buf, id.ms-n.master.ms)
	n.buf = binary.AppendUvarint(n.buf, id.seq-n.master.seq)
	nf := int64(len(fv) / 2)
	lpCount := nf + 3
	n.lpBase += 2 + lpIntSize(int64(id.ms-n.master.ms)) + lpIntSize(int64(id.seq-n.master.seq))
	if same {
		for i := 1; i < len(fv); i += 2 {
			n.buf = appendLenBytes(n.buf, fv[i])
			n.lpBase += lpStrSize(fv[i])
		}
	} else {
		lpCount += nf + 1
		n.buf = binary.AppendUvarint(n.buf, uint64(nf))
		n.lpBase += lpIntSize(nf)
		for _, a := range fv {
			n.buf = appendLenBytes(n.buf, a)
			n.lpBase += lpStrSize(a)
		}
	}
	n.lpBase += lpIntSize(lpCount)
	n.live++
	n.last = id
	s.mem += int64(cap(n.buf)) - before
	s.length++
	s.entriesAdded++
	s.lastID = id
	if s.length == 1 {
		s.firstID = id
	}
}

// nodeFor returns the index of the node that may hold id: the last node
// whose master ID is <= id (0 when id precedes them all).
func (s *stream) nodeFor(id streamID) int {
	i := sort.Search(len(s.nodes), func(i int) bool { return s.nodes[i].master.cmp(id) > 0 })
	return max(i-1, 0)
}

// streamIter walks entries in ID order, forward or backward, between two
// IDs (inclusive), skipping deleted entries.
type streamIter struct {
	s          *stream
	start, end streamID
	rev        bool
	ni         int   // node index
	offs       []int // rev: entry offsets of the current node
	oi         int
	p          int // forward: next entry offset in the node
	started    bool
}

func (s *stream) iter(start, end streamID, rev bool) *streamIter {
	return &streamIter{s: s, start: start, end: end, rev: rev}
}

// next returns the next live entry in range, its node, and false at the
// end.
func (it *streamIter) next() (*streamNode, streamEntry, bool) {
	s := it.s
	if !it.started {
		it.started = true
		if len(s.nodes) == 0 {
			return nil, streamEntry{}, false
		}
		if it.rev {
			it.ni = s.nodeFor(it.end)
			it.loadRev()
		} else {
			it.ni = s.nodeFor(it.start)
			it.p = int(s.nodes[it.ni].entries)
		}
	}
	if it.rev {
		for it.ni >= 0 {
			n := &s.nodes[it.ni]
			for it.oi > 0 {
				it.oi--
				e := n.decodeEntry(it.offs[it.oi])
				if e.id.cmp(it.start) < 0 {
					it.ni = -1
					return nil, e, false
				}
				if e.flags&streamDeleted == 0 && e.id.cmp(it.end) <= 0 {
					return n, e, true
				}
			}
			it.ni--
			if it.ni >= 0 {
				it.loadRev()
			}
		}
		return nil, streamEntry{}, false
	}
	for it.ni < len(s.nodes) {
		n := &s.nodes[it.ni]
		for it.p < len(n.buf) {
			e := n.decodeEntry(it.p)
			it.p = e.end
			if e.id.cmp(it.end) > 0 {
				it.ni = len(s.nodes)
				return nil, e, false
			}
			if e.flags&streamDeleted == 0 && e.id.cmp(it.start) >= 0 {
				return n, e, true
			}
		}
		it.ni++
		if it.ni < len(s.nodes) {
			it.p = int(s.nodes[it.ni].entries)
		}
	}
	return nil, streamEntry{}, false
}

func (it *streamIter) loadRev() {
	n := &it.s.nodes[it.ni]
	it.offs = it.offs[:0]
	for p := int(n.entries); p < len(n.buf); {
		e := n.decodeEntry(p)
		it.offs = append(it.offs, p)
		p = e.end
	}
	it.oi = len(it.offs)
}

// find returns the live entry with id.
func (s *stream) find(id streamID) (*streamNode, streamEntry, bool) {
	it := s.iter(id, id, false)
	return it.next()
}

// remove deletes the live entry with id, as Redis's
// streamIteratorRemoveEntry: the entry is marked deleted, and a node left
// without live entries is dropped. It reports whether the entry existed.
func (s *stream) remove(id streamID) bool {
	if len(s.nodes) == 0 {
		return false
	}
	ni := s.nodeFor(id)
	n := &s.nodes[ni]
	for p := int(n.entries); p < len(n.buf); {
		e := n.decodeEntry(p)
		if e.id.cmp(id) > 0 {
			return false
		}
		if e.id == id {
			if e.flags&streamDeleted != 0 {
				return false
			}
			s.markDeleted(ni, e)
			return true
		}
		p = e.end
	}
	return false
}

// markDeleted marks entry e of node ni deleted and drops the node when no
// live entry is left in it.
func (s *stream) markDeleted(ni int, e streamEntry) {
	n := &s.nodes[ni]
	n.buf[e.off] |= streamDeleted
	n.live--
	n.deleted++
	s.length--
	if n.live == 0 {
		s.dropNode(ni)
	}
}

func (s *stream) dropNode(ni int) {
	s.mem -= int64(cap(s.nodes[ni].buf))
	copy(s.nodes[ni:], s.nodes[ni+1:])
	s.nodes[len(s.nodes)-1] = streamNode{}
	s.nodes = s.nodes[:len(s.nodes)-1]
}

// edgeID returns the first (or last) live entry's ID, 0-0 (or the max ID)
// when there is none, as Redis's streamGetEdgeID with skip_tombstones.
func (s *stream) edgeID(first bool) (streamID, bool) {
	var it *streamIter
	if first {
		it = s.iter(streamID{}, maxStreamID, false)
	} else {
		it = s.iter(streamID{}, maxStreamID, true)
	}
	if _, e, ok := it.next(); ok {
		return e.id, true
	}
	if first {
		return maxStreamID, false
	}
	return streamID{}, false
}

// updateFirstID refreshes recorded-first-entry-id after deletions.
func (s *stream) updateFirstID() {
	if s.length == 0 {
		s.firstID = streamID{}
		return
	}
	s.firstID, _ = s.edgeID(true)
}

// Trim strategies.
const (
	trimNone = iota
	trimMaxLen
	trimMinID
)

// trimArgs are XADD's and XTRIM's trimming options.
type trimArgs struct {
	strategy int
	approx   bool
	maxLen   int64
	minID    streamID
	limit    int64 // 0: none
}

// trim removes entries as Redis's streamTrim: whole nodes first; an
// approximate trim stops at the first node it cannot remove whole; an
// exact one then marks entries deleted inside that node. It returns the
// number of entries removed.
func (s *stream) trim(a *trimArgs) int64 {
	if a.strategy == trimNone {
		return 0
	}
	var deleted int64
	for len(s.nodes) > 0 {
		if a.strategy == trimMaxLen && s.length <= a.maxLen {
			break
		}
		n := &s.nodes[0]
		entries := int64(n.live)
		if a.limit != 0 && deleted+entries > a.limit {
			break
		}
		var removeNode bool
		if a.strategy == trimMaxLen {
			removeNode = s.length-entries >= a.maxLen
		} else {
			removeNode = n.last.cmp(a.minID) < 0
		}
		if removeNode {
			s.length -= entries
			deleted += entries
			s.dropNode(0)
			continue
		}
		if a.approx {
			break
		}
		for p := int(n.entries); p < len(n.buf); {
			e := n.decodeEntry(p)
			p = e.end
			if a.strategy == trimMaxLen {
				if s.length <= a.maxLen {
					break
				}
			} else if e.id.cmp(a.minID) >= 0 {
				break
			}
			if e.flags&streamDeleted == 0 {
				n.buf[e.off] |= streamDeleted
				n.live--
				n.deleted++
				s.length--
				deleted++
			}
		}
		break
	}
	s.updateFirstID()
	return deleted
}
