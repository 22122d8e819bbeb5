package engine

import (
	"bytes"
	"math/bits"

	"github.com/cespare/xxhash/v2"
)

// The hashtable encoding of big hashes, built so the GC scans three
// pointers per hash whatever its size: the field and value bytes live in one
// arena ([]byte), the entries in a pointer-free slice, and the chained
// buckets hold entry numbers. A field is followed by its value in the
// arena; a value that grows is written anew at the end, and the arena is
// compacted once dead bytes pass half of it. Buckets are chained like
// Redis's dict (new entries at the head), so HSCAN can use Redis's
// reverse-binary cursor over them.

type htEntry struct {
	hash   uint32
	next   uint32 // entry number (index+1) of the next in the chain, or of the next free entry
	off    uint32 // field at data[off:off+flen], value just after; htFree marks a free entry
	flen   uint32
	vlen   uint32
	expire int64 // unix ms, 0 for none
}

const htFree = ^uint32(0)

type hashTable struct {
	ents    []htEntry
	data    []byte
	buckets []uint32 // entry numbers (index+1), 0 for empty
	count   int
	free    uint32 // first free entry number, 0 for none
	nfree   int
	garbage int   // dead bytes in data
	nttl    int   // entries with an expire time
	minExp  int64 // a lower bound of their expire times
}

// Table sizing: grow at one entry per bucket, shrink below one in ten
// (Redis's HASHTABLE_MIN_FILL), never below htMinBuckets.
const htMinBuckets = 4

func fieldHash(f []byte) uint32 { return uint32(xxhash.Sum64(f)) }

func newHashTable(n int) *hashTable {
	t := &hashTable{}
	t.buckets = make([]uint32, bucketsFor(n))
	t.ents = make([]htEntry, 0, n)
	return t
}

func bucketsFor(n int) int {
	if n < htMinBuckets {
		return htMinBuckets
	}
	return 1 << bits.Len(uint(n-1))
}

func (t *hashTable) field(e *htEntry) []byte { return t.data[e.off : e.off+e.flen] }
func (t *hashTable) value(e *htEntry) []byte {
	return t.data[e.off+e.flen : e.off+e.flen+e.vlen]
}

// find returns the entry number of field, 0 when absent.
func (t *hashTable) find(f []byte) uint32 {
	h := fieldHash(f)
	for i := t.buckets[h&uint32(len(t.buckets)-1)]; i != 0; {
		e := &t.ents[i-1]
		if e.hash == h && int(e.flen) == len(f) && bytes.Equal(t.field(e), f) {
			return i
		}
		i = e.next
	}
	return 0
}

// add inserts a field known to be absent.
func (t *hashTable) add(f, v []byte, exp int64) {
	if t.count+1 > len(t.buckets) {
		t.rebucket(len(t.buckets) * 2)
	}
	var i uint32
	if t.free != 0 {
		i = t.free
		t.free = t.ents[i-1].next
		t.nfree--
	} else {
		t.ents = append(t.ents, htEntry{})
		i = uint32(len(t.ents))
	}
	h := fieldHash(f)
	off := len(t.data)
	t.data = append(t.data, f...)
	t.data = append(t.data, v...)
	b := h & uint32(len(t.buckets)-1)
	t.ents[i-1] = htEntry{hash: h, next: t.buckets[b], off: uint32(off), flen: uint32(len(f)), vlen: uint32(len(v))}
	t.buckets[b] = i
	t.count++
	if exp != 0 {
		t.setExpire(i, exp)
	}
}

// setValue replaces entry i's value.
func (t *hashTable) setValue(i uint32, v []byte) {
	e := &t.ents[i-1]
	if len(v) <= int(e.vlen) {
		copy(t.data[e.off+e.flen:], v)
		t.garbage += int(e.vlen) - len(v)
		e.vlen = uint32(len(v))
		return
	}
	t.garbage += int(e.flen + e.vlen)
	off := len(t.data)
	t.data = append(t.data, t.field(e)...)
	t.data = append(t.data, v...)
	e.off, e.vlen = uint32(off), uint32(len(v))
	t.maybeCompact()
}

// setExpire sets entry i's expire time (0 removes it).
func (t *hashTable) setExpire(i uint32, exp int64) {
	e := &t.ents[i-1]
	switch {
	case e.expire == 0 && exp != 0:
		t.nttl++
	case e.expire != 0 && exp == 0:
		t.nttl--
	}
	e.expire = exp
	if exp != 0 && (t.minExp == 0 || exp < t.minExp) {
		t.minExp = exp
	}
	if t.nttl == 0 {
		t.minExp = 0
	}
}

// del removes entry i. Entry numbers may change (compaction).
func (t *hashTable) del(i uint32) {
	t.unlink(i)
	t.maybeCompact()
}

// unlink removes entry i; entry numbers stay valid until the next
// maybeCompact.
func (t *hashTable) unlink(i uint32) {
	e := &t.ents[i-1]
	b := e.hash & uint32(len(t.buckets)-1)
	if t.buckets[b] == i {
		t.buckets[b] = e.next
	} else {
		for j := t.buckets[b]; j != 0; j = t.ents[j-1].next {
			if t.ents[j-1].next == i {
				t.ents[j-1].next = e.next
				break
			}
		}
	}
	if e.expire != 0 {
		t.nttl--
		if t.nttl == 0 {
			t.minExp = 0
		}
	}
	t.garbage += int(e.flen + e.vlen)
	*e = htEntry{off: htFree, next: t.free}
	t.free = i
	t.nfree++
	t.count--
	if len(t.buckets) > htMinBuckets && t.count*10 < len(t.buckets) {
		t.rebucket(bucketsFor(t.count))
	}
}

// rebucket relinks every entry into n buckets.
func (t *hashTable) rebucket(n int) {
	if cap(t.buckets) >= n && n >= len(t.buckets)/2 {
		t.buckets = t.buckets[:n]
		clear(t.buckets)
	} else {
		t.buckets = make([]uint32, n)
	}
	mask := uint32(n - 1)
	for k := range t.ents {
		e := &t.ents[k]
		if e.off == htFree {
			continue
		}
		b := e.hash & mask
		e.next = t.buckets[b]
		t.buckets[b] = uint32(k + 1)
	}
}

// maybeCompact rewrites the arena and the entries without dead parts once
// they are more than half of them.
func (t *hashTable) maybeCompact() {
	if !(t.garbage > 1024 && t.garbage*2 > len(t.data)) && !(t.nfree > 64 && t.nfree > t.count) {
		return
	}
	data := make([]byte, 0, len(t.data)-t.garbage)
	ents := make([]htEntry, 0, t.count)
	for k := range t.ents {
		e := t.ents[k]
		if e.off == htFree {
			continue
		}
		off := len(data)
		data = append(data, t.data[e.off:e.off+e.flen+e.vlen]...)
		e.off = uint32(off)
		ents = append(ents, e)
	}
	t.data, t.ents, t.garbage, t.free, t.nfree = data, ents, 0, 0, 0
	t.rebucket(len(t.buckets))
}

// copyTable returns a deep copy without dead parts.
func (t *hashTable) copyTable() *hashTable {
	c := *t
	c.ents = append([]htEntry(nil), t.ents...)
	c.data = append([]byte(nil), t.data...)
	c.buckets = append([]uint32(nil), t.buckets...)
	return &c
}

func (t *hashTable) memSize() int64 {
	return int64(cap(t.data)+cap(t.ents)*32+cap(t.buckets)*4) + 96
}

// scanBucket calls fn for the entries of bucket b (b < len(buckets)).
func (t *hashTable) scanBucket(b uint64, fn func(e *htEntry)) {
	for i := t.buckets[b]; i != 0; {
		e := &t.ents[i-1]
		i = e.next
		fn(e)
	}
}

// scanNext advances a reverse-binary cursor over the buckets (Redis's
// dictScan): it returns 0 once every bucket was visited.
func (t *hashTable) scanNext(v uint64) uint64 {
	mask := uint64(len(t.buckets) - 1)
	v |= ^mask
	v = bits.Reverse64(v)
	v++
	return bits.Reverse64(v)
}

// randomEntry returns a random live entry.
func (t *hashTable) randomEntry(rnd func() uint64) *htEntry {
	for {
		e := &t.ents[rnd()%uint64(len(t.ents))]
		if e.off != htFree {
			return e
		}
	}
}
