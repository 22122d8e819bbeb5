package engine

import (
	"encoding/binary"
)

// A record is one key and its value in a slab chunk:
//
//	0  next   uint32  handle of the next record in the bucket chain
//	4  hash   uint32  low 32 bits of the key's xxhash
//	8  kind   uint8   value kind, plus flagExpire and flagHeapKey
//	9  class  uint8   the chunk's size class
//	10 lfu    uint8   LFU counter (OBJECT FREQ)
//	11 enc    uint8   string encoding hint: encRaw marks a string that APPEND or
//	                  SETRANGE modified (OBJECT ENCODING "raw" at any length);
//	                  0 otherwise. Writes through writeString reset it.
//	12 lru    uint32  last access, seconds on the engine's LRU clock
//	16 klen   uint32  key length
//	20 vlen   uint32  value length (inline bytes; 8 for integers; 4 for heap values)
//	24 [expire int64 unix ms, volIdx uint32, pad uint32]   when flagExpire
//	.. key bytes (or a uint32 heap index when flagHeapKey), value bytes
//
// Integers are stored inline as 8 little-endian bytes. Values too big for
// the largest chunk, and every collection, live on the Go heap in the
// shard's object table; the record holds their index.
type record struct{ b []byte }

const (
	recHeader    = 24
	recExpireLen = 16

	flagExpire  = 0x80
	flagHeapKey = 0x40
	kindMask    = 0x0f
)

// encRaw is record byte 11 for strings Redis keeps "raw" whatever their
// length (see t_string_range.go); other strings report "int" (kindInt),
// "embstr" (up to 44 bytes) or "raw".
const encRaw uint8 = 1

func (r record) enc() uint8     { return r.b[11] }
func (r record) setEnc(e uint8) { r.b[11] = e }

// Value kinds.
const (
	kindStr     uint8 = iota // raw bytes inline
	kindInt                  // int64 inline
	kindHeapStr              // []byte in the object table
	kindObject               // a collection in the object table
)

func (r record) next() handle        { return handle(binary.LittleEndian.Uint32(r.b[0:])) }
func (r record) setNext(h handle)    { binary.LittleEndian.PutUint32(r.b[0:], uint32(h)) }
func (r record) hash() uint32        { return binary.LittleEndian.Uint32(r.b[4:]) }
func (r record) kind() uint8         { return r.b[8] & kindMask }
func (r record) class() uint8        { return r.b[9] }
func (r record) hasExpire() bool     { return r.b[8]&flagExpire != 0 }
func (r record) heapKey() bool       { return r.b[8]&flagHeapKey != 0 }
func (r record) lfu() uint8          { return r.b[10] }
func (r record) setLFU(v uint8)      { r.b[10] = v }
func (r record) lru() uint32         { return binary.LittleEndian.Uint32(r.b[12:]) }
func (r record) setLRU(v uint32)     { binary.LittleEndian.PutUint32(r.b[12:], v) }
func (r record) klen() int           { return int(binary.LittleEndian.Uint32(r.b[16:])) }
func (r record) vlen() int           { return int(binary.LittleEndian.Uint32(r.b[20:])) }
func (r record) expireAt() int64     { return int64(binary.LittleEndian.Uint64(r.b[24:])) }
func (r record) setExpireAt(t int64) { binary.LittleEndian.PutUint64(r.b[24:], uint64(t)) }
func (r record) volIdx() int         { return int(binary.LittleEndian.Uint32(r.b[32:])) }
func (r record) setVolIdx(i int)     { binary.LittleEndian.PutUint32(r.b[32:], uint32(i)) }

func (r record) keyOff() int {
	if r.hasExpire() {
		return recHeader + recExpireLen
	}
	return recHeader
}

// keyField is the key's bytes, or its 4-byte heap index with flagHeapKey.
func (r record) keyField() []byte {
	o := r.keyOff()
	if r.heapKey() {
		return r.b[o : o+4]
	}
	return r.b[o : o+r.klen()]
}

func (r record) valOff() int {
	if r.heapKey() {
		return r.keyOff() + 4
	}
	return r.keyOff() + r.klen()
}

// val is the value field: raw bytes, an 8-byte integer or a 4-byte index.
func (r record) val() []byte {
	o := r.valOff()
	return r.b[o : o+r.vlen()]
}

func (r record) intVal() int64 { return int64(binary.LittleEndian.Uint64(r.b[r.valOff():])) }

func (r record) objIdx() uint32 { return binary.LittleEndian.Uint32(r.b[r.valOff():]) }

// recordSize is the chunk size needed for a record.
func recordSize(klen, vlen int, expire bool) int {
	n := recHeader + klen + vlen
	if expire {
		n += recExpireLen
	}
	return n
}
