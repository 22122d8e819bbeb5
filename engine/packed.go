package engine

import (
	"encoding/binary"
	"time"
	"unsafe"

	"github.com/updraftdb/updraft/persistence/rdb"
)

// packedObj is a small collection at rest: a listpack sorted set, a
// listpack hash without field TTLs, or an intset, held in the object table
// as one pointer instead of a 32-byte struct (a slice header and a
// pointer) beside its blob. The pointer is to a 2-byte little-endian
// trailer, len<<2 | tag, written right after the encoding's len bytes; the
// encoding is the len bytes before it. Packing writes the trailer into the
// blob's spare capacity when it has two bytes of it (no allocation, no
// copy, so the heap does not fragment), else copies the blob. A struct of
// one pointer is pointer-shaped, so storing it in the table's interface
// slot allocates nothing, and the interior pointer keeps the blob alive.
//
// Commands never see it: lookupObject and objectAt expand it back into the
// full struct (whose slice is the blob again), and the cron packs the
// collections commands touched (packTouched). The generic paths (TYPE,
// OBJECT ENCODING, COPY, MEMORY USAGE, DUMP, snapshots) read it as it is.
type packedObj struct{ p *byte }

// Blob tags.
const (
	packZset byte = iota
	packHash
	packIntset
)

const (
	packTrailer = 2
	// packMaxLen is the largest encoding packed: the 14 bits the trailer
	// has for it. Collections that big gain little from losing 32 bytes.
	packMaxLen = 1<<14 - 1
)

func (o packedObj) trailer() uint16 {
	return binary.LittleEndian.Uint16(unsafe.Slice(o.p, packTrailer))
}

func (o packedObj) tag() byte { return byte(o.trailer() & 3) }

// bytes is the encoding, ending at the trailer (its capacity includes the
// trailer, which the packed form no longer needs once expanded).
func (o packedObj) bytes() []byte {
	n := int(o.trailer() >> 2)
	start := (*byte)(unsafe.Add(unsafe.Pointer(o.p), -n))
	return unsafe.Slice(start, n+packTrailer)[:n]
}

// newPacked packs encoding b with tag: in place when b has room for the
// trailer, else in a copy.
func newPacked(tag byte, b []byte) packedObj {
	if cap(b)-len(b) < packTrailer {
		nb := allocPacked(len(b) + packTrailer)
		copy(nb, b)
		b = nb[:len(b)]
	}
	t := b[len(b) : len(b)+packTrailer]
	binary.LittleEndian.PutUint16(t, uint16(len(b))<<2|uint16(tag))
	return packedObj{&t[0]}
}

// packObject returns the packed form of o, or false when o is not a small
// collection that packs.
func packObject(o any) (packedObj, bool) {
	switch o := o.(type) {
	case *zset:
		if o.sl == nil && len(o.lp) <= packMaxLen {
			return newPacked(packZset, o.lp), true
		}
	case *hashObj:
		if o.ht == nil && len(o.lp) <= packMaxLen && !lpIsEx(o.lp) {
			return newPacked(packHash, o.lp), true
		}
	case *setObject:
		if o.tab == nil && len(o.ints) <= packMaxLen {
			return newPacked(packIntset, o.ints), true
		}
	}
	return packedObj{}, false
}

// packable reports whether o is of a type packObject may pack, cheaply:
// the cron checks the rest.
func packable(o object) bool {
	switch o.(type) {
	case *zset, *hashObj, *setObject:
		return true
	}
	return false
}

// expand returns the full struct, sharing the blob's bytes.
func (o packedObj) expand() object {
	b := o.bytes()
	switch o.tag() {
	case packZset:
		return &zset{lp: b}
	case packHash:
		return &hashObj{lp: b}
	}
	return &setObject{ints: intset(b)}
}

func (o packedObj) typeName() string {
	switch o.tag() {
	case packZset:
		return "zset"
	case packHash:
		return "hash"
	}
	return "set"
}

func (o packedObj) encodingName() string {
	if o.tag() == packIntset {
		return "intset"
	}
	return "listpack"
}

func (o packedObj) copyObject() object {
	b := o.bytes()
	return newPacked(o.tag(), b[:len(b):len(b)])
}

// memSize is the blob's allocation: its bytes and trailer rounded up to
// the Go allocator's size class.
func (o packedObj) memSize() int64 { return int64(mallocSize(packTrailer + int(o.trailer()>>2))) }

// dumpValue implements dumper, reading the blob through a struct on the
// stack.
func (o packedObj) dumpValue() rdb.Value {
	b := o.bytes()
	switch o.tag() {
	case packZset:
		z := zset{lp: b}
		return z.dumpValue()
	case packHash:
		h := hashObj{lp: b}
		return h.dumpValue()
	}
	s := setObject{ints: intset(b)}
	return s.dumpValue()
}

// mallocClasses are the Go allocator's small size classes up to 32 KiB
// (runtime/sizeclasses.go); TestMallocSize checks them against the
// runtime.
var mallocClasses = [...]uint16{8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224,
	240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280,
	1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784,
	6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480,
	21760, 24576, 27264, 28672, 32768}

// mallocSize is the bytes an allocation of n bytes (1 <= n <= 32 KiB)
// takes.
func mallocSize(n int) int {
	lo, hi := 0, len(mallocClasses)-1
	if n > int(mallocClasses[hi]) {
		return n
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if int(mallocClasses[mid]) < n {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return int(mallocClasses[lo])
}

// packBatch bounds the entries packTouched packs in one shard per cron
// tick (tens of nanoseconds each), so that the shard lock is held at most tens of
// microseconds at a time.
const packBatch = 512

// packTouched packs again the small collections that commands created or
// expanded since the last tick, spending at most a millisecond. A key
// touched between two ticks is packed and expanded once each per tick:
// usually one 32-byte allocation (the struct; packing is in place), against
// 32 bytes saved on every idle key.
func (e *Engine) packTouched() {
	deadline := time.Now().Add(time.Millisecond)
	for i := range e.shards {
		sh := &e.shards[i]
		sh.lock()
		for len(sh.touched) > 0 {
			sh.packSome(packBatch)
			sh.mu.Unlock()
			if time.Now().After(deadline) {
				return
			}
			sh.lock()
		}
		sh.mu.Unlock()
	}
}

// packSome packs up to n queued entries of the object table (the shard is
// locked), dropping the queue's array once a burst has drained it.
func (sh *shard) packSome(n int) {
	q := sh.touched
	for ; n > 0 && len(q) > 0; n-- {
		i := q[len(q)-1]
		q = q[:len(q)-1]
		if int(i) >= len(sh.objs) {
			continue
		}
		if p, ok := packObject(sh.objs[i]); ok {
			sh.objs[i] = p
			sh.resizedObj(i, p.memSize())
		}
	}
	if len(q) == 0 && cap(q) > packBatch {
		q = nil // a burst's queue: give its array back
	}
	sh.touched = q
}
