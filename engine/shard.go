package engine

import (
	"bytes"
	"encoding/binary"
	"sync"
	"sync/atomic"
)

// A shard owns the keys whose hash falls in it, in every logical database:
// one mutex, one slab, one dict per database and one table of heap objects
// (big strings and collections). Shards are padded to separate cache lines so
// event loops working on different shards do not share them.
type shard struct {
	mu   sync.Mutex
	slab slab
	dbs  []dict

	objs     []any    // big strings ([]byte) and collections (object)
	objSizes []uint32 // each entry's bytes as last accounted (objBytes), saturated at 4 GiB-1
	freeObjs []uint32
	objBytes int64    // estimated heap bytes held by objs
	touched  []uint32 // objs entries that may hold an unpacked small collection (packed.go)

	hits, misses int64  // keyspace_hits / keyspace_misses
	rng          uint64 // xorshift state for sampling

	hashTTL hashTTLKeys // hashes with field TTLs, for the active sweep (hash_sweep.go)

	snap atomic.Pointer[snapshotRun] // a snapshot still wanting this shard (snapshot.go)

	_ [64]byte
}

func (sh *shard) init(databases int) {
	sh.dbs = make([]dict, databases)
	for i := range sh.dbs {
		sh.dbs[i] = newDict()
	}
}

// key returns the record's key bytes.
func (sh *shard) key(r record) []byte {
	if r.heapKey() {
		return sh.objs[binary.LittleEndian.Uint32(r.keyField())].([]byte)
	}
	return r.keyField()
}

func (sh *shard) keyEqual(r record, key []byte) bool {
	if !r.heapKey() {
		return r.klen() == len(key) && bytes.Equal(r.keyField(), key)
	}
	return bytes.Equal(sh.key(r), key)
}

// putObj stores v in the object table and returns its index.
func (sh *shard) putObj(v any, size int64) uint32 {
	size = int64(objSizeField(size))
	sh.objBytes += size
	if n := len(sh.freeObjs); n > 0 {
		i := sh.freeObjs[n-1]
		sh.freeObjs = sh.freeObjs[:n-1]
		sh.objs[i] = v
		sh.objSizes[i] = uint32(size)
		return i
	}
	sh.objs = append(sh.objs, v)
	sh.objSizes = append(sh.objSizes, uint32(size))
	return uint32(len(sh.objs) - 1)
}

// dropObj frees entry i of the object table.
func (sh *shard) dropObj(i uint32) {
	sh.objBytes -= int64(sh.objSizes[i])
	sh.objs[i] = nil
	sh.objSizes[i] = 0
	sh.freeObjs = append(sh.freeObjs, i)
}

// resizedObj re-accounts entry i after its value changed size.
func (sh *shard) resizedObj(i uint32, size int64) {
	s := objSizeField(size)
	sh.objBytes += int64(s) - int64(sh.objSizes[i])
	sh.objSizes[i] = s
}

// objSizeField is a size as objSizes keeps it: four bytes a key rather than
// eight, saturated (a value of 4 GiB or more is accounted as 4 GiB-1).
func objSizeField(size int64) uint32 {
	return uint32(min(max(size, 0), 1<<32-1))
}

// newRecord allocates a record for key with room for vlen value bytes (or a
// heap index when the value does not fit a chunk) and fills its header and
// key. The caller writes the value.
func (sh *shard) newRecord(key []byte, h32 uint32, kind uint8, vlen int, expire int64, lru uint32) (handle, record) {
	hasExp := expire != 0
	heapKey := false
	if recordSize(len(key), vlen, hasExp) > maxChunk {
		if kind == kindStr {
			kind, vlen = kindHeapStr, 4
		}
		if recordSize(len(key), vlen, hasExp) > maxChunk {
			heapKey = true
		}
	}
	klenField := len(key)
	kbytes := len(key)
	if heapKey {
		kbytes = 4
	}
	class := classFor(recordSize(kbytes, vlen, hasExp))
	h := sh.slab.alloc(class)
	b := sh.slab.bytes(h, int(classSize[class]))
	clear(b[:recHeader])
	r := record{b}
	binary.LittleEndian.PutUint32(b[4:], h32)
	b[8] = kind
	if hasExp {
		b[8] |= flagExpire
		r.setExpireAt(expire)
	}
	if heapKey {
		b[8] |= flagHeapKey
	}
	b[9] = class
	b[10] = lfuInitVal
	r.setLRU(lru)
	binary.LittleEndian.PutUint32(b[16:], uint32(klenField))
	binary.LittleEndian.PutUint32(b[20:], uint32(vlen))
	if heapKey {
		k := append([]byte(nil), key...)
		binary.LittleEndian.PutUint32(r.keyField(), sh.putObj(k, int64(len(k))))
	} else {
		copy(r.keyField(), key)
	}
	return h, r
}

// freeRecord releases a record's chunk and the heap objects it owns.
func (sh *shard) freeRecord(h handle) {
	r := sh.rec(h)
	if r.heapKey() {
		sh.dropObj(binary.LittleEndian.Uint32(r.keyField()))
	}
	switch r.kind() {
	case kindHeapStr, kindObject:
		sh.dropObj(r.objIdx())
	}
	sh.slab.release(h, r.class())
}

// objectSize estimates the heap bytes of a value in the object table.
func objectSize(v any) int64 {
	switch o := v.(type) {
	case object:
		return o.memSize()
	case []byte:
		return int64(cap(o))
	}
	return 64
}

// expired reports whether the record expired before now (Redis: now > when).
func expired(r record, now int64) bool {
	return r.hasExpire() && r.expireAt() < now
}

// remove unlinks and frees a record.
func (sh *shard) remove(d *dict, h handle) {
	sh.unlink(d, h)
	sh.freeRecord(h)
}

// stringBytes returns a string record's value as bytes; integers are
// formatted into tmp.
func (sh *shard) stringBytes(r record, tmp []byte) []byte {
	switch r.kind() {
	case kindInt:
		return appendInt(tmp[:0], r.intVal())
	case kindHeapStr:
		return sh.objs[r.objIdx()].([]byte)
	default:
		return r.val()
	}
}

// stringLen returns a string value's length without formatting it.
func (sh *shard) stringLen(r record) int {
	switch r.kind() {
	case kindInt:
		var tmp [24]byte
		return len(appendInt(tmp[:0], r.intVal()))
	case kindHeapStr:
		return len(sh.objs[r.objIdx()].([]byte))
	default:
		return r.vlen()
	}
}

// isString reports whether the record holds a string value.
func isString(r record) bool { return r.kind() != kindObject }

// writeString stores a string value under key, replacing old (0 for a new
// key). expire is the absolute unix-ms expire time, 0 for none. Values that
// are canonical integers are stored inline as integers. It reuses old's
// chunk when the new record has the same layout and fits.
func (sh *shard) writeString(d *dict, key []byte, h32 uint32, old handle, val []byte, expire int64, lru uint32) handle {
	if n, ok := parseCanonicalInt(val); ok {
		return sh.writeInt(d, key, h32, old, n, expire, lru)
	}
	return sh.writeBytes(d, key, h32, old, val, expire, lru, 0)
}

// writeBytes stores val under key as a string exactly as given, never as an
// inline integer (Redis keeps INCRBYFLOAT results and APPEND/SETRANGE
// output as strings), with encoding hint enc (record byte 11). It replaces
// old (0 for a new key) and reuses its chunk when the value fits.
func (sh *shard) writeBytes(d *dict, key []byte, h32 uint32, old handle, val []byte, expire int64, lru uint32, enc uint8) handle {
	if old != 0 {
		r := sh.rec(old)
		if r.kind() == kindStr && r.hasExpire() == (expire != 0) && r.valOff()+len(val) <= len(r.b) {
			binary.LittleEndian.PutUint32(r.b[20:], uint32(len(val)))
			copy(r.val(), val)
			r.setEnc(enc)
			if expire != 0 {
				r.setExpireAt(expire)
			}
			r.setLRU(lru)
			return old
		}
	}
	h, r := sh.newRecord(key, h32, kindStr, len(val), expire, lru)
	r.setEnc(enc)
	if r.kind() == kindHeapStr {
		v := append([]byte(nil), val...)
		binary.LittleEndian.PutUint32(r.val(), sh.putObj(v, int64(len(v))))
	} else {
		copy(r.val(), val)
	}
	sh.place(d, old, h)
	return h
}

// writeInt stores an integer value under key, like writeString.
func (sh *shard) writeInt(d *dict, key []byte, h32 uint32, old handle, n int64, expire int64, lru uint32) handle {
	if old != 0 {
		r := sh.rec(old)
		if r.kind() == kindInt && r.hasExpire() == (expire != 0) {
			binary.LittleEndian.PutUint64(r.val(), uint64(n))
			if expire != 0 {
				r.setExpireAt(expire)
			}
			r.setLRU(lru)
			return old
		}
	}
	h, r := sh.newRecord(key, h32, kindInt, 8, expire, lru)
	binary.LittleEndian.PutUint64(r.val(), uint64(n))
	sh.place(d, old, h)
	return h
}

// place links new record h into d, in old's place when old != 0.
func (sh *shard) place(d *dict, old, h handle) {
	if old == 0 {
		sh.insert(d, h)
		return
	}
	sh.swap(d, old, h)
	sh.freeRecord(old)
}

// setExpire changes a record's expire time (0 removes it). It may move the
// record to a new chunk and returns its handle.
func (sh *shard) setExpire(d *dict, h handle, expire int64) handle {
	r := sh.rec(h)
	if r.hasExpire() && expire != 0 {
		r.setExpireAt(expire)
		return h
	}
	if !r.hasExpire() && expire == 0 {
		return h
	}
	// The layout changes: copy the record with or without the expire field.
	kf := r.keyField()
	v := r.val()
	kbytes := len(kf)
	class := classFor(recordSize(kbytes, len(v), expire != 0))
	nh := sh.slab.alloc(class)
	nb := sh.slab.bytes(nh, int(classSize[class]))
	r = sh.rec(h) // the slab may have grown; reread
	copy(nb[:recHeader], r.b[:recHeader])
	nr := record{nb}
	nb[9] = class
	if expire != 0 {
		nb[8] |= flagExpire
		nr.setExpireAt(expire)
	} else {
		nb[8] &^= flagExpire
	}
	copy(nb[nr.keyOff():], r.b[r.keyOff():r.valOff()+r.vlen()])
	sh.swap(d, h, nh)
	// Free only the old chunk: heap objects now belong to the new record.
	sh.slab.release(h, r.class())
	return nh
}
